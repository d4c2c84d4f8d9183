"""Campaign knowledge: raw scraped articles in, typed answers out.

Nothing here knows about Telegram; the bot and the command line are thin shells over
:class:`knowledge.engine.Engine`.
"""
