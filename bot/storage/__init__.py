"""Layer 1: SQLite. ``database`` opens connections and runs migrations; ``lock`` is the shared lock
every open database holds and the too-new-schema refusal; ``backup`` copies, restores and checks
the whole file (its summary counts rows read-only). Each other module is the repository of one
table group and the only place its SQL lives. Repositories return the records of ``bot.models``,
never ``sqlite3.Row``."""
