"""The lock files are the installation: the venv holds exactly what they name, they pin what
pyproject.toml pins, every line carries hashes, and requires-python is bounded."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import distributions

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
OWN = "luban-bot"


def lock_entries(name: str) -> list[tuple[str, str, str | None, str]]:
    """(name, version, marker, the requirement's block of lines) for each locked package."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / name).read_text(encoding="utf-8"))
    entries = []
    for block in blocks:
        match = REQUIREMENT.match(block.splitlines()[0])
        if match:
            entries.append((canonicalize_name(match[1]), match[2], match[3], block))
    return entries


def locked_here(name: str) -> dict[str, str]:
    return {pkg: version for pkg, version, marker, _ in lock_entries(name) if not marker or Marker(marker).evaluate()}


def test_the_venv_holds_exactly_what_the_dev_lock_names():
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions(path=sys.path)}
    installed.pop(OWN, None)
    assert installed == locked_here("requirements-dev.lock")


def test_locks_have_hashes_and_agree_with_pyproject_and_each_other():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dev = {(pkg, marker): version for pkg, version, marker, _ in lock_entries("requirements-dev.lock")}
    runtime = {(pkg, marker): version for pkg, version, marker, _ in lock_entries("requirements.lock")}
    for name in ("requirements.lock", "requirements-dev.lock"):
        unhashed = [pkg for pkg, _, _, block in lock_entries(name) if "--hash=sha256:" not in block]
        assert unhashed == [], name
    # The image runs the versions the tests ran (a package the runtime needs only on some Pythons,
    # such as typing-extensions, may be unconditional in the dev lock, where mypy needs it).
    mismatched = [(pkg, marker, version) for (pkg, marker), version in runtime.items()
                  if version not in (dev.get((pkg, marker)), dev.get((pkg, None)))]
    assert mismatched == []
    pins = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    for pin in pins:
        (version,) = [s.version for s in pin.specifier]
        assert dev.get((canonicalize_name(pin.name), None)) == version, pin
    for pin in map(Requirement, project["dependencies"]):
        assert (canonicalize_name(pin.name), None) in runtime, pin


def test_requires_python_is_bounded_to_the_tested_versions():
    spec = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
                        ["requires-python"])
    tested = re.search(r"^PYTHONS := (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)[1].split()
    minors = [f"3.{n}" for n in range(8, 20)]
    assert [v for v in minors if spec.contains(f"{v}.0")] == [p.removeprefix("python") for p in tested]
    assert spec.contains(f"{sys.version_info.major}.{sys.version_info.minor}.0")
