"""The curated answers' store: one YAML file beside the database (``var/curated-answers.yaml``).

The file is the only source of truth (SQLite keeps no copy), so a lost database loses no answer
and a hand edit is never overwritten: every change re-reads the file under an exclusive lock,
changes only the entry it is about, and writes the whole file atomically (temporary file, fsync,
rename). A file that does not parse is never written over: the change is refused with the
reason, and the organizer fixes the file first.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from knowledge.articles import ArticleError
from knowledge.curated import CuratedAnswer, dump_curated, load_curated

Change = Callable[[list[CuratedAnswer]], list[CuratedAnswer]]


class CuratedStore:
    def __init__(self, path: Path):
        self.path = path

    def all(self) -> list[CuratedAnswer]:
        """Every entry as the file holds it now; ArticleError when it does not parse."""
        return load_curated(self.path)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time (the bot and the shell may share the folder)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, answers: list[CuratedAnswer]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(dump_curated(answers))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    def change(self, change: Change) -> list[CuratedAnswer]:
        """Apply ``change`` to the file's current entries and write the result; returns it."""
        with self._locked():
            answers = change(self.all())
            self._write(answers)
            return answers

    def add(self, question: str, answer: str, author: str, updated: str) -> int:
        new_id = 0

        def add(answers: list[CuratedAnswer]) -> list[CuratedAnswer]:
            nonlocal new_id
            new_id = max((a.id for a in answers), default=0) + 1
            return [*answers, CuratedAnswer(new_id, question, answer, author, updated)]

        self.change(add)
        return new_id

    def _edit(self, curated_id: int, edit: Callable[[CuratedAnswer], CuratedAnswer | None]) -> bool:
        found = False

        def apply(answers: list[CuratedAnswer]) -> list[CuratedAnswer]:
            nonlocal found
            kept = []
            for a in answers:
                if a.id == curated_id:
                    found = True
                    edited = edit(a)
                    if edited is not None:
                        kept.append(edited)
                else:
                    kept.append(a)
            return kept

        self.change(apply)
        return found

    def update(self, curated_id: int, answer: str, author: str, updated: str) -> bool:
        return self._edit(curated_id, lambda a: replace(a, answer=answer, author=author, updated=updated))

    def add_phrasing(self, curated_id: int, question: str, updated: str) -> bool:
        """Attach another wording of the question to an existing answer."""
        return self._edit(curated_id, lambda a: a if question in a.phrasings
                          else replace(a, also=(*a.also, question), updated=updated))

    def delete(self, curated_id: int) -> bool:
        return self._edit(curated_id, lambda a: None)

    def seed(self, legacy: list[CuratedAnswer]) -> int:
        """Take over answers kept by older versions (the SQLite table, the checkout's YAML file)
        when the store does not exist yet; returns how many were taken."""
        if self.path.exists() or not legacy:
            return 0
        unique = list({a.id: a for a in legacy}.values())
        with self._locked():
            self._write(sorted(unique, key=lambda a: a.id))
        return len(unique)


def legacy_rows(db: sqlite3.Connection) -> list[CuratedAnswer]:
    """Answers an older version kept in the SQLite ``curated`` table (now only read, to seed the store)."""
    rows = db.execute("SELECT id, question, answer, author_hash, updated FROM curated WHERE deleted = 0").fetchall()
    return [CuratedAnswer(int(r[0]), str(r[1]), str(r[2]), str(r[3])[:8],
                          time.strftime("%Y-%m-%d %H:%M", time.localtime(float(r[4])))) for r in rows]


__all__ = ["ArticleError", "CuratedStore", "legacy_rows"]
