"""The clerk's command line end to end, with real subprocesses and the real age/minisign tools."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bundle_helpers import MARKER, People, run_cli, unlock
from system_tools import require_tool

from paperless.core.library import Library

pytestmark = pytest.mark.slow


def _tool(name: str) -> str:
    return require_tool(name)  # a missing tool fails, naming its package


def test_version_and_help() -> None:
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("paperless ")
    assert run_cli("bundle", "--help").returncode == 0


def test_identity_create_show_export(tmp_path: Path) -> None:
    folder = tmp_path / "ha"
    r = run_cli("identity", "create", folder, "--name", "Phạm Thu Hà", "--role", "clerk",
                "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["card.toml", "minisign.pub", "recipient.txt", "secret.age"]
    assert (folder / "secret.age").stat().st_mode & 0o077 == 0
    assert b"AGE-SECRET-KEY" not in (folder / "secret.age").read_bytes()
    show = run_cli("identity", "show", folder)
    assert "Phạm Thu Hà" in show.stdout and "clerk" in show.stdout
    recipient = (folder / "recipient.txt").read_text().strip()
    assert recipient.startswith("age1") and recipient in show.stdout
    fp = [ln for ln in show.stdout.splitlines() if ln.startswith("Fingerprint")][0].split(":", 1)[1].strip()
    assert len(fp.replace(" ", "")) == 40 and fp.replace(" ", "").isdigit()  # eight groups of five
    assert "Dấu vân tay" in run_cli("identity", "show", folder / "card.toml", env={"PAPERLESS_LANG": "vi"}).stdout
    exported = run_cli("identity", "export-secret", folder, "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert exported.returncode == 0
    secret = exported.stdout.strip()
    assert secret.startswith("AGE-SECRET-KEY-1")
    # The exported key and the public recipient work with the reference age tool.
    age = _tool("age")
    key = tmp_path / "key.txt"
    key.write_text(secret + "\n")
    enc = subprocess.run([age, "-r", recipient], input=b"xin chao", capture_output=True, check=True).stdout
    dec = subprocess.run([age, "-d", "-i", str(key)], input=enc, capture_output=True, check=True).stdout
    assert dec == b"xin chao"
    # The secret file itself is a passphrase-encrypted age file holding an age identity file.
    again = run_cli("identity", "create", folder, "--name", "X", "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert again.returncode != 0 and "already exists" in again.stderr


def test_identity_create_rejects_short_passphrase(tmp_path: Path) -> None:
    r = run_cli("identity", "create", tmp_path / "x", "--name", "X", "--passphrase-env", "P", env={"P": "short"})
    assert r.returncode == 64 and "at least 8" in r.stderr and not (tmp_path / "x").exists()


def test_wrong_passphrase_exit_2_and_delay(tmp_path: Path, people: People) -> None:
    import time

    t0 = time.monotonic()
    r = run_cli("identity", "export-secret", people.member("an"), "--passphrase-env", "P", env={"P": "sai rồi"})
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "Wrong passphrase" in r.stderr
    assert r.stdout == ""
    assert time.monotonic() - t0 >= 1.0


def test_build_inspect_verify_extract(tmp_path: Path, session_dir: Path, people: People) -> None:
    out = tmp_path / "b.paperless"
    r = run_cli("bundle", "build", session_dir / "session.toml", "--signer", people.clerk, "--out", out,
                "--version", "3", "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert r.returncode == 0, r.stderr
    assert "4 documents" in r.stdout and "version 3" in r.stdout
    insp = run_cli("bundle", "inspect", out)
    assert insp.returncode == 0 and "Version:      3" in insp.stdout and "documents/0004.age" in insp.stdout
    ver = run_cli("bundle", "verify", out, "--trust", people.clerk / "card.toml")
    assert ver.returncode == 0 and ver.stdout.startswith("OK: signed by Văn phòng Tỉnh ủy")
    home = {"PAPERLESS_HOME": str(tmp_path / "home")}
    ext = run_cli("bundle", "extract", out, "--identity", people.member("binh"), "--out", tmp_path / "x",
                  "--trust", people.clerk, "--passphrase-env", "PAPERLESS_PASSPHRASE", env=home)
    assert ext.returncode == 0, ext.stderr
    assert "Restricted for you: item 3. Công tác cán bộ" in ext.stdout
    pdfs = sorted(p.name for p in (tmp_path / "x").rglob("*.pdf"))
    assert pdfs == ["baocao.pdf", "kehoach.pdf", "phuluc.pdf"]
    assert json.loads((tmp_path / "x" / "agenda.json").read_text())["version"] == 3
    seen = Library.open(tmp_path / "home", unlock(people.member("binh"))).highest_seen(json.loads(
        (tmp_path / "x" / "agenda.json").read_text())["session_id"])
    assert seen == 3  # recorded in the member's sealed library (no cleartext file)
    assert not (tmp_path / "home" / "seen-versions.json").exists()
    refused = run_cli("bundle", "extract", out, "--identity", people.member("binh"), "--out", tmp_path / "x",
                      "--trust", people.clerk, "--passphrase-env", "PAPERLESS_PASSPHRASE", env=home)
    assert refused.returncode != 0 and "already exists" in refused.stderr


def test_bundle_entries_open_with_reference_tools(tmp_path: Path, bundle: Path, people: People) -> None:
    """The format is standard: minisign verifies the manifest, age decrypts a document."""
    minisign, age = _tool("minisign"), _tool("age")
    with zipfile.ZipFile(bundle) as z:
        z.extractall(tmp_path / "z")
    z = tmp_path / "z"
    r = subprocess.run([minisign, "-V", "-p", str(people.clerk / "minisign.pub"), "-m", str(z / "manifest.json")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "paperless-bundle session:" in r.stdout
    secret = run_cli("identity", "export-secret", people.member("an"), "--passphrase-env", "PAPERLESS_PASSPHRASE").stdout
    key = tmp_path / "an.key"
    key.write_text(secret)
    pdf = subprocess.run([age, "-d", "-i", str(key), str(z / "documents" / "0001.age")], capture_output=True, check=True).stdout
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        assert MARKER in doc[0].get_text()
    agenda = subprocess.run([age, "-d", "-i", str(key), str(z / "agenda.age")], capture_output=True, check=True).stdout
    assert json.loads(agenda)["title"].startswith("Hội nghị")


def test_missing_env_var_and_no_terminal(tmp_path: Path, bundle: Path, people: People) -> None:
    r = run_cli("bundle", "extract", bundle, "--identity", people.member("an"), "--out", tmp_path / "o",
                "--trust", people.clerk, "--passphrase-env", "NOPE_NOT_SET")
    assert r.returncode == 64 and "NOPE_NOT_SET" in r.stderr
    r = run_cli("bundle", "extract", bundle, "--identity", people.member("an"), "--out", tmp_path / "o",
                "--trust", people.clerk)
    assert r.returncode == 64 and "--passphrase-env" in r.stderr


def test_session_error_via_cli(tmp_path: Path, session_dir: Path, people: People) -> None:
    bad = tmp_path / "session.toml"
    text = (session_dir / "session.toml").read_text("utf-8")
    bad.write_text(text.replace("location", "locaton").replace('"docs/', f'"{session_dir}/docs/')
                   .replace('key = "', f'key = "{session_dir}/'), "utf-8")
    r = run_cli("bundle", "build", bad, "--signer", people.clerk, "--out", tmp_path / "b",
                "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert r.returncode == 1 and "line 4: unknown key 'locaton'" in r.stderr, r.stderr
    assert not (tmp_path / "b").exists()


def test_identity_secret_file_opens_bundle_entry_with_age_cli(tmp_path: Path, bundle: Path, people: People) -> None:
    """secret.age is a standard passphrase-protected age identity file: `age -d -i secret.age`."""
    from bundle_helpers import PASSPHRASE
    from test_age_interop import run_with_tty

    age = _tool("age")
    with zipfile.ZipFile(bundle) as z:
        (tmp_path / "agenda.age").write_bytes(z.read("agenda.age"))
    shutil.copy(people.member("cuong") / "secret.age", tmp_path / "secret.age")
    run_with_tty([age, "-d", "-i", "secret.age", "-o", "agenda.json", "agenda.age"], PASSPHRASE, tmp_path)
    agenda = json.loads((tmp_path / "agenda.json").read_text("utf-8"))
    assert [m["name"] for m in agenda["members"]][2] == "Lê Hoàng Cường"


def test_progress_bar_draws_on_a_terminal() -> None:
    import io

    from paperless.cli.console import ProgressBar

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = ProgressBar("Encrypting", stream)
    bar.update(0, 100)
    bar.update(100, 100)
    bar.close()
    out = stream.getvalue()
    assert "\rEncrypting [" in out and "100.0%" in out and out.endswith("\n")
    quiet = io.StringIO()
    silent = ProgressBar("x", quiet)
    silent.update(50, 100)
    silent.close()
    assert quiet.getvalue() == ""


def test_passphrase_asked_twice_on_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --passphrase-env the passphrase is typed on the terminal, twice for a new identity."""
    import sys

    from test_age_interop import run_with_tty

    monkeypatch.setenv("PAPERLESS_LANG", "en")
    text = run_with_tty([sys.executable, "-m", "paperless", "identity", "create", "ha", "--name", "Hà"],
                        "mật khẩu đủ dài", tmp_path)
    assert "Passphrase for Hà:" in text and "Repeat the passphrase:" in text
    assert (tmp_path / "ha" / "card.toml").exists()
    out = run_with_tty([sys.executable, "-m", "paperless", "identity", "export-secret", "ha"], "mật khẩu đủ dài", tmp_path)
    assert "AGE-SECRET-KEY-1" in out
