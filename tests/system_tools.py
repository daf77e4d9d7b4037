"""The system tools tests run, and the package of each: a missing tool fails the test, naming
the package to install. It never skips (on a developer's machine or in CI alike).

The packages come from ``tools/system-packages.txt``, the list ``make test`` installs from
(``tools/system-deps``), so a test cannot ask for a tool that ``make test`` would not install.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PACKAGES = Path(__file__).resolve().parents[1] / "tools" / "system-packages.txt"


def packages() -> dict[str, tuple[str, ...]]:
    """Each package of the list and what shows that it is installed ("cmd:qpdf", "lib:…")."""
    found: dict[str, tuple[str, ...]] = {}
    for line in PACKAGES.read_text("utf-8").splitlines():
        fields = line.split("#", 1)[0].split("|")
        if len(fields) >= 2 and fields[0].strip():
            found[fields[0].strip()] = tuple(fields[1].split())
    return found


def package_of(tool: str) -> str:
    """The Debian package that installs the command ``tool``."""
    for package, probes in packages().items():
        if f"cmd:{tool}" in probes:
            return package
    raise LookupError(f"{tool} is in no package of {PACKAGES.name}: add it there (make test installs from it)")


def missing_tool_message(tool: str) -> str:
    package = package_of(tool)
    return (f"{tool} is not installed: install the package {package} "
            f"(sudo apt-get install -y {package}), or run make test, which installs what is missing")


def require_tool(tool: str) -> str:
    """The path of the command ``tool``; the test fails, naming its package, when it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(missing_tool_message(tool), pytrace=False)
    return path


def require_package_files(package: str) -> None:
    """The test fails, naming the package, when a file the list checks for it (``file:…``) is missing."""
    probes = packages()[package]
    missing = [p[len("file:"):] for p in probes if p.startswith("file:") and not Path(p[len("file:"):]).exists()]
    assert any(p.startswith("file:") for p in probes), f"{package} has no file: check in {PACKAGES.name}"
    if missing:
        pytest.fail(f"{missing[0]} is missing: install the package {package} (sudo apt-get install -y {package}), "
                    "or run make test, which installs what is missing", pytrace=False)
