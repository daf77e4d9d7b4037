"""A missing system tool fails a test and names the package to install; `make test`'s check
(tools/system-deps) reads the same list and stops with the command to run."""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

import pytest
from system_tools import PACKAGES, missing_tool_message, package_of, packages, require_package_files, require_tool

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_DEPS = ROOT / "tools" / "system-deps"
# The only skips left, each for a reason that is not a missing tool (none applies on Linux).
PLATFORM_SKIPS = {
    "test_gui_cli.py": "Linux only",  # the no-display message: elsewhere there is always a display
    "test_gui_idle_memory.py": "Linux only",  # /proc/PID/mem (the idle lock leaves no decrypted PDF in memory)
    "test_render_process.py": "Linux-only (memfd)",  # shared pixel memory
    "test_bundle_padding.py": "without ML-KEM",  # a cryptography build without ML-KEM
    "test_age_api.py": "no ML-KEM",
}


def test_a_missing_tool_fails_naming_its_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    for tool, package in (("qpdf", "qpdf"), ("pdftotext", "poppler-utils"), ("age-keygen", "age"),
                          ("soffice", "libreoffice-writer-nogui"), ("minisign", "minisign")):
        with pytest.raises(pytest.fail.Exception) as failed:
            require_tool(tool)
        message = str(failed.value)
        assert message.startswith(f"{tool} is not installed") and f"sudo apt-get install -y {package}" in message
        assert message == missing_tool_message(tool)


def test_a_tool_on_path_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "qpdf"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert require_tool("qpdf") == str(fake)


def test_a_package_checked_by_a_file_fails_naming_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """fonts-liberation2 is checked by a font file (tools/system-deps knows file: checks too)."""
    import system_tools

    require_package_files("fonts-liberation2")
    listed = system_tools.packages()
    monkeypatch.setattr(system_tools, "packages", lambda: {**listed, "fonts-x": (f"file:{tmp_path / 'none.ttf'}",)})
    with pytest.raises(pytest.fail.Exception, match=r"none\.ttf is missing: install the package fonts-x"):
        system_tools.require_package_files("fonts-x")


def test_a_tool_in_no_listed_package_is_an_error() -> None:
    with pytest.raises(LookupError, match="system-packages.txt"):
        package_of("no-such-tool")


def test_every_tool_the_tests_require_is_listed() -> None:
    asked = {
        node.args[0].value
        for f in sorted(ROOT.joinpath("tests").glob("*.py"))
        if f.name != Path(__file__).name
        for node in ast.walk(ast.parse(f.read_text("utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id in ("require_tool", "missing_tool_message", "_tool")
        and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
    }
    assert {"age", "age-keygen", "minisign", "soffice"} <= asked
    asked |= {"qpdf", "pdftoppm", "pdftotext", "pdffonts", "mutool"}  # asked in loops, and the benchmarks'
    assert {tool: package_of(tool) for tool in asked}  # LookupError for a tool no package gives


def test_no_test_skips_for_a_missing_tool() -> None:
    """No skip when a tool is missing, no guard that fails only when CI is set: the only skips
    left are the platform ones above, each with its reason."""
    offenders = []
    for f in sorted(ROOT.joinpath("tests").glob("*.py")):
        if f.name == Path(__file__).name:
            continue
        text = f.read_text("utf-8")
        if any(guard in text for guard in ('environ.get("CI")', 'environ["CI"]', "environ['CI']")):
            offenders.append(f"{f.name}: a guard for CI only")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("skip", "skipif", "importorskip", "xfail"):
                call = ast.get_source_segment(text, node) or ""
                if PLATFORM_SKIPS.get(f.name, "\0") in call:
                    continue
                offenders.append(f"{f.name}:{node.lineno}: {call}")
    assert offenders == []


def test_the_check_reads_the_same_list() -> None:
    listed = subprocess.run([str(SYSTEM_DEPS), "--list"], capture_output=True, text=True, check=True).stdout.split()
    assert listed == list(packages()) and len(listed) >= 15
    assert {"age", "minisign", "libreoffice-writer-nogui", "qpdf", "poppler-utils", "libseccomp2"} <= set(listed)
    assert PACKAGES.is_file()


def test_the_check_stops_with_the_command_to_run() -> None:
    """What `make test` prints on a machine without qpdf and age it may not install them on."""
    env = {**os.environ, "PAPERLESS_PRETEND_MISSING": "qpdf age"}
    r = subprocess.run([str(SYSTEM_DEPS), "--check"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert "Missing system packages: age qpdf" in r.stderr
    assert "sudo apt-get update && sudo apt-get install -y --no-install-recommends age qpdf" in r.stderr


def test_the_check_is_quiet_when_everything_is_there() -> None:
    r = subprocess.run([str(SYSTEM_DEPS), "--check"], capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
