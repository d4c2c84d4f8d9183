"""Guards around the SQLite file that a restore and an upgrade rely on.

Every :class:`~bot.storage.database.Database` holds a shared ``flock`` on ``<database>.lock``
for as long as it is open, so ``run.py restore`` (:mod:`bot.storage.backup`) can tell that a bot
(or another command) is using the database and refuse instead of pulling the file from under it.
A running bot also holds :class:`BotLease`, so there is one bot (one sender, one pace) per
database. A database written by a newer version of the bot (a higher ``PRAGMA user_version`` than this code
has migrations for) is refused with one line: running old code on a newer schema would silently
misread it.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class DatabaseError(RuntimeError):
    """The database cannot be used as asked; the message is one line for the operator."""


class SchemaTooNewError(DatabaseError):
    def __init__(self, path: Path, version: int, known: int) -> None:
        super().__init__(f"database {path} has schema version {version}, newer than this luban-bot knows ({known}); "
                         "run the version that wrote it, or restore a backup taken before the upgrade")


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class Holder:
    """A shared lock on the database's lock file; many holders at once, but never with a restore."""

    def __init__(self, database: Path, exclusive: bool = False) -> None:
        self.fd: int | None = None
        if str(database) == ":memory:":
            return
        self.fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB if exclusive else fcntl.LOCK_SH)
        except BlockingIOError:
            self.release()
            raise DatabaseError(f"database {database} is in use by a running bot or command; "
                                "stop it first (systemctl stop luban-bot, or docker compose stop)") from None

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def lease_path(database: Path) -> Path:
    return database.with_name(database.name + ".bot")


class BotLease:
    """The one running bot per database: an exclusive ``flock`` on ``<database>.bot`` holding its
    pid. A second bot refuses to start (two pollers on one token only fight with 409 Conflict,
    and two senders double the pace), and ``run.py announce`` hands its announcement to the bot
    that holds the lease instead of sending beside it. The kernel drops the lock when the
    process dies, even by SIGKILL, so a stale lease cannot block a restart."""

    def __init__(self, database: Path) -> None:
        self.path = lease_path(database)
        try:
            database.parent.mkdir(parents=True, exist_ok=True)
            self.fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DatabaseError(f"database {database} cannot be used ({exc.strerror})") from None
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = holder_pid(database)
            self.release()
            raise DatabaseError(f"another bot is already running on database {database}"
                                f"{f' (pid {holder})' if holder else ''}; stop it first") from None
        os.ftruncate(self.fd, 0)
        os.write(self.fd, str(os.getpid()).encode())

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def holder_pid(database: Path) -> int | None:
    """The pid of the bot holding the lease, or None when no bot holds it."""
    path = lease_path(database)
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 32).decode(errors="replace").strip()
            return int(text) if text.isdigit() else 0
        return None  # we got the lock: nobody holds the lease
    finally:
        os.close(fd)
