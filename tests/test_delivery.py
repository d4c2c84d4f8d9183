"""The delivery loop's status writes at a paid broadcast's pace: grouped into few transactions,
and still, at any instant a kill could strike, every copy whose request left is either recorded
as delivered or marked ``sending`` (resent and counted as a possible repeat), never more rows
uncertain than the delivery's concurrency.

A fake messenger stands in for Telegram here: it records each request and, at chosen requests,
copies the database as another process would find it after a SIGKILL (only committed data).
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.container import delivery_batch, delivery_concurrency
from bot.models import DeliveryStatus, Report, Status
from bot.services.delivery import CONCURRENCY, Delivery, Ledger
from bot.services.ports import Outcome, Verdict
from bot.storage.announcements import AnnouncementRepository
from bot.storage.database import Database
from bot.storage.deliveries import DeliveryRepository
from bot.storage.subscribers import SubscriberRepository
from tests.helpers import project_config

CHATS = list(range(70_000, 70_300))


class KillingNotifier:
    """Answers every copy after a short wait; at the requests numbered in ``kill_at`` it snapshots
    the database file's committed state, as a process started after a kill would read it."""

    def __init__(self, path: Path, snapshots: Path, kill_at: set[int]):
        self.path, self.snapshots, self.kill_at = path, snapshots, kill_at
        self.issued: list[int] = []
        self.taken: dict[int, tuple[Path, list[int]]] = {}

    async def send_announcement(self, chat_id: int, text: str) -> Outcome:
        self.issued.append(chat_id)
        if len(self.issued) in self.kill_at:
            self._snapshot(len(self.issued))
        await asyncio.sleep(0.001 * (chat_id % 3))  # answers come back out of order
        return Outcome(Verdict.SENT, message_id=chat_id)

    def _snapshot(self, n: int) -> None:
        target = self.snapshots / f"kill-{n}.db"
        with closing(sqlite3.connect(self.path)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)  # a separate connection: committed rows only
        self.taken[n] = (target, list(self.issued))

    async def send_text(self, chat_id: int, text: str) -> Outcome:
        raise NotImplementedError

    async def open_status(self, chat_id: int, announcement_id: int) -> int | None:
        raise NotImplementedError

    async def delete_message(self, chat_id: int, message_id: int) -> bool:
        raise NotImplementedError

    async def show_progress(self, chat_id: int, message_id: int, announcement_id: int, done: int,
                            total: int) -> None:
        raise NotImplementedError

    async def show_report(self, chat_id: int, message_id: int, announcement_id: int, report: Report) -> None:
        raise NotImplementedError


def _announcement(database: Database) -> int:
    subscribers = SubscriberRepository(database)
    with database.db:
        database.db.execute("BEGIN")
        for chat_id in CHATS:
            subscribers.subscribe(chat_id, "private")
    announcements = AnnouncementRepository(database)
    draft = announcements.create_draft("付费群发测试", None, None)
    assert announcements.confirm(draft.confirm_token) is not None
    assert announcements.start_sending(draft.id, from_state=Status.QUEUED)
    return draft.id


def _statuses(path: Path) -> dict[int, str]:
    with closing(sqlite3.connect(path)) as db:  # closed, not only committed (3.13 warns otherwise)
        return {int(chat): str(status) for chat, status in db.execute("SELECT chat_id, status FROM deliveries")}


@pytest.mark.parametrize("concurrency, batch", [(47, 8), (CONCURRENCY, 1)])
async def test_a_kill_at_any_request_leaves_no_copy_unaccounted(tmp_path: Path, concurrency: int, batch: int):
    database = Database(tmp_path / "bot.db")
    announcement_id = _announcement(database)
    notifier = KillingNotifier(tmp_path / "bot.db", tmp_path, kill_at={1, 2, 9, 50, 51, 128, 199, 257, 300})
    statements: list[str] = []
    database.db.set_trace_callback(statements.append)
    delivery = Delivery(DeliveryRepository(database), SubscriberRepository(database), notifier,
                        concurrency=concurrency, batch=batch)
    report = await delivery.deliver(announcement_id, "付费群发测试")
    database.db.set_trace_callback(None)
    database.close()
    assert report.sent == len(CHATS) and report.pending == 0 and sorted(notifier.issued) == CHATS
    for n, (snapshot, issued) in notifier.taken.items():
        statuses = _statuses(snapshot)
        uncertain = [chat for chat, status in statuses.items() if status == DeliveryStatus.SENDING]
        for chat in issued:  # its request left: delivered on disk, or resent and counted on resume
            assert statuses[chat] in (DeliveryStatus.SENT, DeliveryStatus.SENDING), (n, chat)
        assert len(uncertain) <= concurrency, n
    transactions = sum(s.startswith("BEGIN") for s in statements)
    if batch > 1:  # rows are marked and settled a batch per transaction, not one by one
        assert transactions <= 2 * len(CHATS) / batch + 2
    else:
        assert transactions == 2 * len(CHATS)


def test_the_ledger_refuses_a_batch_larger_than_its_limit_and_sizes_the_workers(tmp_path: Path):
    database = Database(tmp_path / "bot.db")
    rows = DeliveryRepository(database)
    with pytest.raises(ValueError):
        Ledger(rows, 1, CHATS, limit=4, batch=5)
    assert Ledger(rows, 1, CHATS, limit=47, batch=8).workers == 40
    assert Ledger(rows, 1, CHATS, limit=8, batch=1).workers == 8
    database.close()


def test_paid_broadcasts_batch_their_status_writes_and_free_ones_do_not(project: Path):
    paid = project_config(project, announcements={"paid_broadcast": True, "paid_rate": 950})
    assert delivery_concurrency(paid) == 47 and delivery_batch(paid) == 8
    slow = project_config(project, announcements={"paid_broadcast": True, "paid_rate": 100})
    assert delivery_concurrency(slow) == 8 and delivery_batch(slow) == 2
    free = project_config(project)
    assert delivery_concurrency(free) == CONCURRENCY and delivery_batch(free) == 1
