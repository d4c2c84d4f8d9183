"""Backup, restore and health of the SQLite database, without stopping the bot for a backup.

A backup goes through SQLite's online backup API from a read-only connection: in WAL mode that
reads one consistent snapshot while the bot keeps writing, which a file copy (``cp`` of the
database without its ``-wal``) cannot promise. The copy is written beside the destination as
``.partial``, switched to a single self-contained file (journal mode DELETE), checked with
``PRAGMA integrity_check`` and only then renamed into place. A restore refuses while anything holds
the database, keeps the current file as ``*.before-restore-*.sqlite3``, and writes the backup in
through the same API, so a stale ``-wal`` of the old database can never be replayed over it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.storage.database import MIGRATIONS
from bot.storage.lock import DatabaseError, Holder, SchemaTooNewError

COUNTED = {"subscribers": "SELECT COUNT(*) FROM subscribers WHERE active = 1",
           "questions": "SELECT COUNT(*) FROM questions",
           "announcements": "SELECT COUNT(*) FROM announcements"}


@dataclass(frozen=True)
class Inspection:
    path: Path
    schema: int
    integrity: str
    counts: dict[str, int]

    def summary(self) -> str:
        counts = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        size = self.path.stat().st_size / 1024
        return f"{self.path} ({size:.0f} KiB, schema {self.schema}; {counts}); integrity_check {self.integrity}"


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    if not path.is_file():
        raise DatabaseError(f"no database at {path}")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield db
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a readable SQLite database ({exc})") from None
    finally:
        db.close()


def inspect(path: Path, quick: bool = False) -> Inspection:
    """Schema version, integrity and what the database holds (tables it lacks count 0)."""
    with _read_only(path) as db:
        result = db.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        integrity = "ok" if [r[0] for r in result] == ["ok"] else "; ".join(r[0] for r in result[:3])
        schema = int(db.execute("PRAGMA user_version").fetchone()[0])
        counts: dict[str, int] = {}
        for what, sql in COUNTED.items():
            try:
                counts[what] = int(db.execute(sql).fetchone()[0])
            except sqlite3.OperationalError:
                counts[what] = 0
    return Inspection(path, schema, integrity, counts)


def _copy(source: Path, target: Path, journal_mode: str) -> None:
    with _read_only(source) as src:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # all pages in one step: one snapshot, never blocking the bot's writes
            dst.execute(f"PRAGMA journal_mode={journal_mode}")
        finally:
            dst.close()


def backup(database: Path, dest: Path) -> Inspection:
    """Copy ``database`` to ``dest`` (a file name, or a folder for a dated name); checked before it
    gets its name, so a file under ``dest`` is always a complete, sound backup."""
    if dest.is_dir():
        dest = dest / f"{database.stem}-{time.strftime('%Y%m%d-%H%M%S')}.sqlite3"
    if dest.exists():
        raise DatabaseError(f"{dest} already exists; give a new file name or a folder")
    if not dest.suffix:
        raise DatabaseError(f"folder {dest} does not exist (give an existing folder, or a file name such as "
                            "luban.sqlite3)")
    if not dest.parent.is_dir():
        raise DatabaseError(f"folder {dest.parent} does not exist")
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(database, partial, "DELETE")
        checked = inspect(partial)
        if checked.integrity != "ok":
            raise DatabaseError(f"the copy failed integrity_check ({checked.integrity}); {database} may be damaged")
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)
    return inspect(dest, quick=True)


KNOWN_SCHEMA = len(MIGRATIONS)  # the schema version this code migrates a database to


def restore(source: Path, database: Path, known_schema: int = KNOWN_SCHEMA) -> tuple[Inspection, Path | None]:
    """Write the backup ``source`` into ``database``; returns what was restored and where the
    replaced database was kept (None when there was none)."""
    checked = inspect(source)
    if checked.integrity != "ok":
        raise DatabaseError(f"{source} fails integrity_check ({checked.integrity}); not restoring it")
    if checked.schema > known_schema:
        raise SchemaTooNewError(source, checked.schema, known_schema)
    holder = Holder(database, exclusive=True)
    try:
        kept = None
        if database.exists():
            kept = backup(database, database.with_name(f"{database.stem}.before-restore-"
                                                       f"{time.strftime('%Y%m%d-%H%M%S')}.sqlite3"))
        database.parent.mkdir(parents=True, exist_ok=True)
        _copy(source, database, "WAL")
    finally:
        holder.release()
    return inspect(database, quick=True), kept.path if kept else None
