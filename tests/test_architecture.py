"""knowledge/ must stay free of Telegram and bot code so it can be tested and reused alone."""

import ast

from tests.conftest import ROOT

FORBIDDEN = ("telegram", "bot", "handlers")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_only_the_wiring_in_bot_imports_handlers():
    wiring = {"app.py", "runner.py", "cli.py"}
    offenders = [f"{path.name}: {module}" for path in (ROOT / "bot").glob("*.py") if path.name not in wiring
                 for module in imported_modules(path) if module.split(".")[0] == "handlers"]
    assert offenders == []


def test_knowledge_imports_nothing_from_upper_layers():
    offenders = []
    for path in (ROOT / "knowledge").glob("*.py"):
        for module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.name}: {module}")
    assert offenders == []
