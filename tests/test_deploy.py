"""The service files in deploy/ follow the rules the README promises: the image installs from the
lock file, runs unprivileged and keeps the database on a volume; the systemd unit restarts with a
pause, reads the token from a root-only file and is hardened. `systemd-analyze verify` runs where
it exists (with ExecStart pointed at this venv's luban-bot, since /opt/luban-bot is not here)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from bot.config import parse_config
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def unit() -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in (DEPLOY / "luban-bot.service").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


def test_image_installs_only_from_the_lock_file_and_runs_unprivileged():
    steps = dockerfile()
    base = [args for op, args in steps if op == "FROM"]
    assert len(base) == 1 and re.fullmatch(r"python:3\.\d+-slim", base[0])
    requires = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                            ["project"]["requires-python"])
    assert requires.contains(base[0].split(":")[1].removesuffix("-slim") + ".0")
    installs = [args for op, args in steps if op == "RUN" and "pip install" in args]
    assert installs and "--require-hashes -r requirements.lock" in installs[0]
    assert all("--no-deps" in args for args in installs[1:])  # nothing resolved outside the lock
    assert ("COPY", "requirements.lock ./") in steps
    users = [args for op, args in steps if op == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert [op for op, _ in steps].index("USER") > max(i for i, (op, _) in enumerate(steps) if op == "RUN")
    (health,) = [args for op, args in steps if op == "HEALTHCHECK"]
    assert "healthcheck" in health and "CMD" in health
    assert "luban-bot" in dict(steps)["CMD"]


def test_compose_keeps_the_database_on_a_named_volume_and_the_token_in_the_environment():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    (service,) = compose["services"].values()
    env = dict(dockerfile())["ENV"]
    config_path = PurePosixPath(re.search(r"LUBAN_CONFIG=(\S+)", env)[1])
    config = parse_config(yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")) | {
        "knowledge": {"articles": str(ROOT / "knowledge/articles")}}, Path(config_path.parent))
    storage_dir = PurePosixPath(config.storage.path).parent
    volumes = dict(v.split(":", 1) for v in service["volumes"])
    assert volumes.get(next(iter(compose["volumes"]))) == str(storage_dir)
    assert str(storage_dir) in dict(dockerfile())["VOLUME"]
    assert service["environment"]["TELEGRAM_BOT_TOKEN"].startswith("${TELEGRAM_BOT_TOKEN")
    assert service["restart"] in ("unless-stopped", "always", "on-failure")


def test_systemd_unit_restarts_reads_a_root_only_token_file_and_is_hardened():
    values = unit()
    assert values["Restart"] == ["on-failure"] and values["RestartSec"]
    assert values["EnvironmentFile"][0].startswith("/etc/") and values["User"][0] not in ("root", "0")
    state = values["StateDirectory"][0]
    assert "LUBAN_CONFIG=/etc/luban-bot/config.yaml" in values["Environment"]
    for setting, expected in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
                              "PrivateTmp": "yes"}.items():
        assert values[setting] == [expected], setting
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"/var/lib/{state}/" in readme and "chmod 600 /etc/luban-bot/env" in readme
    assert shlex.split(values["ExecStart"][0])[1:] == ["bot"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_analyze_verify_is_clean(tmp_path: Path):
    text = (DEPLOY / "luban-bot.service").read_text(encoding="utf-8")
    text = text.replace("/opt/luban-bot/.venv/bin/luban-bot", str(Path(sys.executable).parent / "luban-bot"))
    (tmp_path / "luban-bot.service").write_text(text, encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "luban-bot.service")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout + result.stderr == ""


def test_every_package_is_installed_by_a_non_editable_install():
    """The image installs the project with `pip install .`, which ships only the listed packages."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
                 ["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in ("bot", "handlers", "knowledge")
             for p in (ROOT / top).rglob("__init__.py") if "__pycache__" not in p.parts}
    assert found - listed == set()
