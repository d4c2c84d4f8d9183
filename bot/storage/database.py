"""The one place that opens SQLite and evolves its schema.

Numbered migrations are recorded in ``PRAGMA user_version`` so an old database upgrades itself
on start. User IDs are stored as a salted hash (the salt is random per database), never with
names; chat IDs of subscribers are kept because delivering to them is the point, and the private
chat of an unanswered question is kept until its asker is told the organizers' answer (or the
question is purged with the retention period). While open, a
database holds a shared lock (:mod:`bot.storage.lock`) so a restore can tell it is in use, and a
schema newer than these migrations is refused rather than misread.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from bot.storage.lock import DatabaseError, Holder, SchemaTooNewError
from bot.storage.writer import BackgroundWriter

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY, ts REAL NOT NULL, user_hash TEXT NOT NULL, chat_type TEXT NOT NULL,
        question TEXT NOT NULL, answered INTEGER NOT NULL, score REAL NOT NULL, confidence REAL NOT NULL,
        sentence_id INTEGER, sentence TEXT, runner_up_id INTEGER);
    CREATE INDEX questions_ts ON questions(ts);
    CREATE TABLE feedback (
        question_id INTEGER NOT NULL REFERENCES questions(id), user_hash TEXT NOT NULL,
        value INTEGER NOT NULL, ts REAL NOT NULL, PRIMARY KEY (question_id, user_hash));
    """,
    """
    CREATE TABLE subscribers (
        chat_id INTEGER PRIMARY KEY, chat_type TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
        since REAL NOT NULL, reason TEXT);
    CREATE TABLE announcements (
        id INTEGER PRIMARY KEY, text TEXT NOT NULL, author_hash TEXT NOT NULL, created REAL NOT NULL,
        send_at REAL, status TEXT NOT NULL, confirm_token TEXT UNIQUE, status_chat_id INTEGER,
        status_message_id INTEGER, started REAL, finished REAL, owner TEXT, lease_until REAL);
    CREATE TABLE deliveries (
        announcement_id INTEGER NOT NULL REFERENCES announcements(id), chat_id INTEGER NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, message_id INTEGER, error TEXT,
        maybe_repeat INTEGER NOT NULL DEFAULT 0, updated REAL NOT NULL, PRIMARY KEY (announcement_id, chat_id));
    CREATE INDEX deliveries_status ON deliveries(announcement_id, status);
    """,
    """
    CREATE TABLE curated (
        id INTEGER PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL, author_hash TEXT NOT NULL,
        created REAL NOT NULL, updated REAL NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
    """,
    """
    ALTER TABLE questions ADD COLUMN topic TEXT;
    CREATE INDEX questions_topic ON questions(topic);
    """,
    # The private chat of an unanswered question, so the asker can be told when an organizer
    # answers it; cleared once told, and deleted with the row by the retention purge.
    """
    ALTER TABLE questions ADD COLUMN private_chat_id INTEGER;
    """,
    # Stable sentence keys (knowledge.sentence_keys): positions in the index change on reload.
    """
    ALTER TABLE questions ADD COLUMN sentence_key TEXT;
    ALTER TABLE questions ADD COLUMN runner_up_key TEXT;
    """,
)


class Database:
    """One autocommit connection (each statement is a short transaction, safe on the event loop)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._holder = Holder(self.path)  # lets a restore see the database is in use
        except OSError as exc:
            raise DatabaseError(f"database {self.path} cannot be used ({exc.strerror})") from None
        self._writer: BackgroundWriter | None = None
        try:
            self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            self._holder.release()
            raise DatabaseError(f"database {self.path} cannot be opened ({exc})") from None
        try:
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=5000")
            self._migrate()
            self._salt = self._get_or_create_salt()
        except sqlite3.Error as exc:  # not SQLite, read-only, a full disk: one line for the operator
            self.close()
            raise DatabaseError(f"database {self.path} cannot be used ({exc}); check the file and its "
                                "folder are a writable SQLite database") from None

    @property
    def writer(self) -> BackgroundWriter:
        """The off-event-loop writer for the question log (created on first use)."""
        if self._writer is None:
            shared = self.db if str(self.path) == ":memory:" else None
            self._writer = BackgroundWriter(self.path, shared=shared)
        return self._writer

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            self.close()
            raise SchemaTooNewError(self.path, version, len(MIGRATIONS))
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _get_or_create_salt(self) -> str:
        self.db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('salt', ?)", (secrets.token_hex(16),))
        return str(self.db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0])

    def user_hash(self, user_id: int | None) -> str:
        """What is stored instead of a Telegram user id: stable per database, not reversible."""
        return hashlib.sha256(f"{self._salt}:{user_id}".encode()).hexdigest()[:32]

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.db.close()
        self._holder.release()

    @contextlib.contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A separate read-only connection, for work in another thread (a reload): sharing one
        connection across threads is safe only when SQLite was built serialized."""
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        db.row_factory = sqlite3.Row
        try:
            yield db
        finally:
            db.close()
