"""Backup while the database is being written, restore, and the refusals around them, all through
``run.py`` as an operator runs it."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot.config import Config
from bot.storage.curated import CuratedStore
from bot.storage.database import Database
from bot.storage.questions import QuestionRepository
from bot.storage.subscribers import SubscriberRepository
from knowledge.curated import CURATED_FILE
from tests.conftest import ROOT
from tests.test_process import env_for, spawn


def run_py(config: Config, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run.py"), "--config", str(config.base_dir / "config.yaml"),
                           *args], capture_output=True, text=True, timeout=60)


def log_questions(path: Path, stop: threading.Event, written: list[int]) -> None:
    """What a busy bot does to the database: one short transaction per question. Checkpoints are
    off so recent rows live only in the WAL, where a plain file copy would miss them."""
    database = Database(path)
    database.db.execute("PRAGMA wal_autocheckpoint = 0")
    questions = QuestionRepository(database)
    try:
        while not stop.is_set():
            questions.add(written[0] % 50, "private", f"问题{written[0]}", topic="t", answered=True, score=1.0,
                          confidence=0.9, sentence_id=1, sentence="答" * 200, runner_up_id=None)
            written[0] += 1
            time.sleep(0.001)  # about 1,000 questions a second: far busier than the campaign
    finally:
        database.close()


async def test_backup_under_writes_is_sound_and_restores_into_a_working_bot(config: Config, standin, tmp_path: Path):
    database = Database(config.storage.path)
    subscribers = list(range(7001, 7006))
    for chat_id in subscribers:
        SubscriberRepository(database).subscribe(chat_id, "private")
    CuratedStore(config.storage.path.parent / CURATED_FILE).add("纪念馆几点开门", "上午9点开门。", "", "")
    database.close()

    stop, written = threading.Event(), [0]
    writer = threading.Thread(target=log_questions, args=(config.storage.path, stop, written))
    writer.start()
    try:
        while written[0] < 200:
            await asyncio.sleep(0.01)
        before = written[0]
        result = await asyncio.to_thread(run_py, config, "backup", str(tmp_path / "copy.sqlite3"))
        during = written[0] - before
    finally:
        stop.set()
        writer.join()
    assert result.returncode == 0, result.stderr
    assert during > 0, "the writer should have kept writing during the backup"
    assert result.stdout.startswith("backup: ") and "integrity_check ok" in result.stdout
    assert len(result.stdout.splitlines()) == 1 and "5 subscribers, " in result.stdout

    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    backed_up = copy.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
    copy.close()
    assert before <= backed_up <= written[0]

    for suffix in ("", "-wal", "-shm"):  # the database is lost
        Path(f"{config.storage.path}{suffix}").unlink(missing_ok=True)
    restored = run_py(config, "restore", str(tmp_path / "copy.sqlite3"))
    assert restored.returncode == 0, restored.stderr
    assert "restored: " in restored.stdout

    process = await spawn(config.base_dir / "config.yaml", env_for(standin), "announce", "恢复后的测试通知")
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    assert sorted(m["chat"]["id"] for m in standin.sent if "恢复后" in m["text"]) == subscribers
    database = Database(config.storage.path)
    assert [c.question for c in CuratedStore(config.storage.path.parent / CURATED_FILE).all()] == ["纪念馆几点开门"]
    assert QuestionRepository(database).count() == backed_up
    database.close()


def test_restore_refuses_while_the_database_is_in_use(config: Config, tmp_path: Path):
    database = Database(config.storage.path)
    assert run_py(config, "backup", str(tmp_path)).returncode == 0
    (backup,) = tmp_path.glob("bot-*.sqlite3")
    refused = run_py(config, "restore", str(backup))
    database.close()
    assert refused.returncode == 2 and "in use" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert run_py(config, "backup", str(backup)).returncode == 2  # never overwrites a file
    assert run_py(config, "restore", str(backup)).returncode == 0  # once nothing holds it


async def test_a_database_from_a_newer_schema_is_refused_with_one_line(config: Config, standin, tmp_path: Path):
    Database(config.storage.path).close()
    db = sqlite3.connect(config.storage.path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    exported = run_py(config, "export", str(tmp_path / "q.csv"))
    bot = await spawn(config.base_dir / "config.yaml", env_for(standin), "bot")
    out, err = await asyncio.wait_for(bot.communicate(), 60)
    for returncode, stderr in ((exported.returncode, exported.stderr), (bot.returncode, err.decode())):
        assert returncode == 2 and "schema version 99" in stderr
        assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    newer = tmp_path / "newer.sqlite3"
    assert run_py(config, "backup", str(newer)).returncode == 0
    Path(config.storage.path).unlink()
    refused = run_py(config, "restore", str(newer))
    assert refused.returncode == 2 and "schema version 99" in refused.stderr


def test_healthcheck_needs_a_sound_migrated_database(config: Config):
    missing = run_py(config, "healthcheck")
    assert missing.returncode == 1 and missing.stderr.startswith("unhealthy: ")
    Database(config.storage.path).close()
    started = time.perf_counter()
    healthy = run_py(config, "healthcheck")
    assert healthy.returncode == 0 and healthy.stdout.startswith("healthy: ")
    assert time.perf_counter() - started < 10
    db = sqlite3.connect(config.storage.path)
    db.execute("PRAGMA user_version = 3")
    db.close()
    assert run_py(config, "healthcheck").returncode == 1
