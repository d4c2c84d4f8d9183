"""Layer 2: the services handlers and the command line call. Collaborators come in through the
constructor, results go out as ``bot.models`` records; no ``telegram`` import here (Telegram
effects go through the ``ports.Notifier`` protocol)."""
