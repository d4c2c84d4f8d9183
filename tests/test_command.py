"""The command as operators meet it: the luban-bot entry point, --version, make help, and logs
(level switches, one stable line per event, never the token)."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from bot.cli import logging_setup
from bot.config import Config, parse_config
from tests import updates as u
from tests.conftest import ROOT
from tests.helpers import write_project
from tests.test_process import env_for, spawn

LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (DEBUG|INFO|WARNING|ERROR) [\w.]+: \S")


def test_entry_point_version_and_help_match_run_py():
    entry = Path(sys.executable).parent / "luban-bot"
    assert entry.exists(), "make install should have created the luban-bot command"
    shown = subprocess.run([str(entry), "--version"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and shown.stdout.strip() == f"luban-bot {version('luban-bot')}"
    run_py = subprocess.run([sys.executable, str(ROOT / "run.py"), "--version"], capture_output=True, text=True)
    assert run_py.stdout.split()[1:] == shown.stdout.split()[1:]
    helped = subprocess.run([str(entry), "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and helped.stdout.startswith("usage: luban-bot ")
    for command in ("bot", "ask", "announce", "backup", "restore", "healthcheck"):
        assert re.search(rf"^\s+{command}\s", helped.stdout, re.M), command


@pytest.mark.skipif(not shutil.which("make"), reason="make not installed")
def test_make_help_lists_the_targets_from_their_comments():
    shown = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True,
                           timeout=60)
    targets = dict(re.findall(r"^  make (\S+)\s+(.+)$", shown.stdout, re.M))
    assert {"install", "run", "test", "lock", "test-all-pythons", "help"} <= set(targets)
    assert targets["lock"].startswith("re-resolve")


@pytest.fixture
def root_logging():
    level = logging.getLogger().level
    yield
    logging.getLogger().removeHandler(logging_setup._handler)
    logging.getLogger().setLevel(level)


def settings(project: Path, environ: dict[str, str], level: str = "ERROR") -> Config:
    return parse_config({"knowledge": {"articles": "articles"}, "logging": {"level": level}}, project,
                        environ | {"TELEGRAM_BOT_TOKEN": "123:SECRET"})


def test_level_precedence_flags_then_env_then_config(root_logging, project: Path):
    root = logging.getLogger()
    logging_setup.install(settings(project, {}))
    assert root.level == logging.ERROR  # config alone
    logging_setup.install(settings(project, {"LOG_LEVEL": "warning"}))
    assert root.level == logging.WARNING  # env beats config
    logging_setup.install(settings(project, {"LOG_LEVEL": "warning"}), verbose=1)
    assert root.level == logging.DEBUG and logging.getLogger("httpx").level == logging.WARNING
    logging_setup.install(settings(project, {}, level="DEBUG"), quiet=2)
    assert root.level == logging.ERROR
    assert len([h for h in root.handlers if h is logging_setup._handler]) == 1  # installing again replaces it


def test_a_line_per_event_and_never_the_token(root_logging, project: Path):
    handler = logging_setup.install(settings(project, {}))
    try:
        raise RuntimeError("bad url https://api.telegram.org/bot123:SECRET/getMe")
    except RuntimeError:
        record = logging.getLogger("luban.test").makeRecord("luban.test", logging.ERROR, __file__, 1,
                                                             "failed for %s", ("123:SECRET",), sys.exc_info())
    assert all(f.filter(record) for f in handler.filters)
    line = handler.format(record)
    assert "\n" not in line and "SECRET" not in line and LINE.match(line), line
    assert "failed for <token>" in line and "RuntimeError" in line


def test_a_bad_log_level_is_one_line_and_status_2(project: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")} | {"LOG_LEVEL": "LOUD"}
    run = subprocess.run([sys.executable, str(ROOT / "run.py"), "--config", str(project / "config.yaml"), "check"],
                         capture_output=True, text=True, timeout=60, env=env)
    assert run.returncode == 2 and run.stderr.strip() == (
        "run.py: error: LOG_LEVEL='LOUD' is not one of DEBUG, INFO, WARNING, ERROR")


async def test_log_level_warning_silences_the_info_lines(project: Path, standin):
    write_project(project, telegram={"poll_timeout": 1})  # a stop waits for the long poll to end
    async def run_bot(env: dict) -> str:
        process = await spawn(project / "config.yaml", env)
        try:
            await standin.wait_for(lambda: standin.commands, timeout=30)
            standin.push(u.message(821, "鲁班工匠日是哪天"))
            await standin.next_message(821, timeout=15)
        finally:
            process.send_signal(signal.SIGINT)
            _, err = await asyncio.wait_for(process.communicate(), 30)
        standin.commands.clear()
        return err.decode()

    chatty = await run_bot(env_for(standin))
    lines = chatty.strip().splitlines()
    assert lines and all(LINE.match(line) for line in lines), chatty
    assert any(" INFO luban: starting in polling mode" in line for line in lines)
    quiet = await run_bot(env_for(standin) | {"LOG_LEVEL": "WARNING"})
    assert " INFO " not in quiet and standin.token not in chatty + quiet
