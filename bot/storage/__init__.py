"""Layer 1: SQLite. ``database`` opens connections and runs migrations; each other module is the
repository of one table group and the only place its SQL lives. Repositories return the records
of ``bot.models``, never ``sqlite3.Row``."""
