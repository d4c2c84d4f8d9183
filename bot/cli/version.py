"""The version operators see in ``--version``: the installed package's metadata, so it always
matches what pip installed (pyproject.toml is the one place the number is written)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "luban-bot"


def installed_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "(not installed: run make install)"
