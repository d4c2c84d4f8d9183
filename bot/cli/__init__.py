"""Layer 5: the command line behind ``run.py`` (bot, console chat, ask, eval, check, export,
announce). It may import every layer below; nothing imports it."""
