"""The layers, checked on the source with ``ast``: each module imports only its own layer or
lower ones, services never touch ``telegram``, handlers never touch storage or SQL, and no
import cycle exists anywhere (``TYPE_CHECKING`` imports included: a cycle is a design smell
even when Python tolerates it)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("knowledge", "bot", "handlers")
# Lowest first; a module's layer is that of the longest matching prefix.
LAYERS = {
    "knowledge": 0,
    "bot": 1, "bot.config": 1, "bot.texts": 1, "bot.models": 1, "bot.storage": 1,
    "bot.services": 2, "bot.container": 2, "bot.render": 2, "bot.charts": 2,
    "handlers": 3,
    "bot.telegram": 4,
    "bot.cli": 5, "run": 5,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, Path]:
    found = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    return found | {"run": ROOT / "run.py"}


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}  # `from handlers import start`
    return names


def layer(module: str) -> int | None:
    matches = [prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")]
    return LAYERS[max(matches, key=len)] if matches else None


def internal_imports() -> dict[str, set[str]]:
    modules = sources()
    return {name: {m for m in imports(path) if m in modules} for name, path in modules.items()}


def test_every_module_has_a_layer():
    assert [m for m in sources() if layer(m) is None] == []


def test_modules_import_only_their_own_layer_or_lower():
    offenders = [f"{m} (L{layer(m)}) imports {i} (L{layer(i)})" for m, deps in internal_imports().items()
                 for i in deps if (layer(i) or 0) > (layer(m) or 0)]
    assert offenders == []


def test_knowledge_imports_nothing_from_upper_layers():
    offenders = [f"{m}: {i}" for m, path in sources().items() if m.startswith("knowledge")
                 for i in imports(path) if i.split(".")[0] in ("telegram", "bot", "handlers")]
    assert offenders == []


def test_services_and_storage_do_not_import_telegram():
    offenders = [f"{m}: {i}" for m, path in sources().items() if layer(m) is not None and layer(m) <= 2
                 for i in imports(path) if i.split(".")[0] == "telegram"]
    assert offenders == []


def test_handlers_do_not_touch_storage_or_sql():
    offenders = [f"{m}: {i}" for m, path in sources().items() if m.startswith("handlers")
                 for i in imports(path) if i == "sqlite3" or i.startswith("bot.storage")]
    assert offenders == []


def test_no_import_cycles():
    graph = internal_imports()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_the_checks_see_a_cycle_and_an_upward_import(tmp_path, monkeypatch):
    """The rules above are only as good as the graph they walk: plant violations and look."""
    assert "bot.telegram.app" in internal_imports()["bot.cli.runner"]
    assert layer("bot.storage.database") < layer("bot.services.curation") < layer("handlers.curation") \
        < layer("bot.telegram.app") < layer("bot.cli.runner")
    fake = {"a": {"b"}, "b": {"a"}}
    monkeypatch.setattr("tests.test_architecture.internal_imports", lambda: fake)
    try:
        test_no_import_cycles()
    except AssertionError:
        pass
    else:
        raise AssertionError("a planted cycle went unnoticed")
