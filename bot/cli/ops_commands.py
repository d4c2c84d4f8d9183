"""The operator's commands (backup, restore, healthcheck) and the global options (--version,
-v, -q), kept apart from the chat commands in ``bot.cli.commands`` so ``run.py`` only adds two hook lines.

None of these load the knowledge folder: they answer in well under a second, which a container
HEALTHCHECK run every 30 seconds needs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.version import installed_version
from bot.config import Config
from bot.storage.backup import KNOWN_SCHEMA, backup, inspect, restore
from bot.storage.lock import DatabaseError


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"%(prog)s {installed_version()}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log more: DEBUG lines (overrides LOG_LEVEL and logging.level)")
    parser.add_argument("-q", "--quiet", action="count", default=0,
                        help="log less: -q WARNING and above, -qq errors only")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bk = sub.add_parser("backup", help="copy the database safely, even while the bot runs",
                        description="Copy the database with SQLite's online backup API (safe while the bot "
                                    "is running), check the copy with PRAGMA integrity_check and print a "
                                    "one-line summary. The file appears only once it is complete.")
    bk.add_argument("dest", type=Path, metavar="DEST",
                    help="new backup file, or a folder to put luban-YYYYMMDD-HHMMSS.sqlite3 in")
    rs = sub.add_parser("restore", help="replace the database with a backup (stop the bot first)",
                        description="Check the backup, then write it over the database from the config. "
                                    "Refuses while the bot or another command holds the database. The "
                                    "replaced database is kept beside it as *.before-restore-*.sqlite3.")
    rs.add_argument("source", type=Path, metavar="BACKUP", help="a file written by the backup command")
    sub.add_parser("healthcheck", help="exit 0 if the config is valid and the database opens and is sound",
                   description="For supervisors and container HEALTHCHECKs: validates the config, opens the "
                               "database read-only, runs PRAGMA quick_check and checks the schema version. "
                               "Exit status 0 when healthy, 1 otherwise, with one line saying why.")


def cmd_backup(config: Config, args: argparse.Namespace) -> int:
    print(f"backup: {backup(config.storage.path, args.dest.resolve()).summary()}")
    return 0


def cmd_restore(config: Config, args: argparse.Namespace) -> int:
    restored, kept = restore(args.source.resolve(), config.storage.path)
    if kept:
        print(f"kept the replaced database as {kept}")
    print(f"restored: {restored.summary()}")
    return 0


def cmd_healthcheck(config: Config, args: argparse.Namespace) -> int:
    try:
        found = inspect(config.storage.path, quick=True)
    except DatabaseError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    known = KNOWN_SCHEMA
    problem = (f"quick_check: {found.integrity}" if found.integrity != "ok"
               else f"schema {found.schema}, expected {known} (has the bot started?)" if found.schema != known
               else None)
    if problem:
        print(f"unhealthy: {config.storage.path}: {problem}", file=sys.stderr)
        return 1
    print(f"healthy: {found.summary()}")
    return 0


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "healthcheck": cmd_healthcheck}
