"""Issue 8 §7: ``--passphrase-env`` — the variable leaves the environment as soon as it is read,
so no child process is ever given it (here: the LibreOffice converter of ``bundle build``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People, make_docx, run_cli, write_session

from paperless.cli.console import read_passphrase, take_env
from paperless.core.errors import UsageError


def test_the_variable_is_gone_once_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERLESS_TEST_SECRET", "mật khẩu")
    assert read_passphrase("PAPERLESS_TEST_SECRET", what="x") == "mật khẩu"
    assert "PAPERLESS_TEST_SECRET" not in os.environ
    with pytest.raises(UsageError):
        take_env("PAPERLESS_TEST_SECRET")


def test_a_converter_started_by_the_cli_never_sees_the_passphrase(tmp_path: Path, people: People) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    seen = tmp_path / "converter-env.txt"
    fake = tools / "soffice"  # found before the real one; writes down the environment it was given
    fake.write_text(f"#!/bin/sh\nenv > '{seen}'\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    root = tmp_path / "session"
    root.mkdir()
    docx = make_docx(root / "draft.docx", "Dự thảo")
    write_session(root, people, docs={"Dự thảo": [docx]})
    r = run_cli("bundle", "build", root / "session.toml", "--signer", people.clerk, "--out", tmp_path / "b.paperless",
                "--passphrase-env", "PAPERLESS_PASSPHRASE",
                env={"PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"})
    assert seen.is_file(), r.stderr  # the converter did run
    assert r.returncode != 0 and "Traceback" not in r.stderr
    text = seen.read_text()
    assert "PAPERLESS_PASSPHRASE" not in text and PASSPHRASE not in text
