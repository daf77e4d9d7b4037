"""Interoperability of paperless.core.minisign with the minisign command-line tool.

Needs ``minisign`` (Debian: ``apt-get install minisign``, tested with 0.11) on PATH: without
it the tests fail, naming the package (``make test`` installs it).
"""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pytest
from system_tools import require_tool

from paperless.core.minisign import (
    BadSignatureError,
    PublicKey,
    SignatureKeyMismatchError,
    SigningKey,
)

COMMENT = "phiên thứ 12 — Tỉnh ủy\tfile:agenda.pdf"
DATA = "Chương trình hội nghị Ban Thường vụ Tỉnh ủy\n".encode() * 500


@pytest.fixture(scope="module")
def minisign() -> str:
    return require_tool("minisign")


def run(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=check,
    )


@pytest.fixture()
def minisign_keys(minisign: str, tmp_path: Path) -> tuple[Path, Path]:
    pub, sec = tmp_path / "minisign.pub", tmp_path / "minisign.key"
    run(minisign, "-G", "-W", "-p", pub, "-s", sec)
    return pub, sec


def _verify_with_minisign(
    minisign: str, pk: PublicKey, data: bytes, sig: str, tmp_path: Path, name: str = "f"
) -> subprocess.CompletedProcess[str]:
    pub, msg, sigfile = tmp_path / f"{name}.pub", tmp_path / name, tmp_path / f"{name}.sig"
    pub.write_text(pk.to_file_text(), encoding="utf-8")
    msg.write_bytes(data)
    sigfile.write_text(sig, encoding="utf-8")
    return run(minisign, "-V", "-Q", "-p", pub, "-m", msg, "-x", sigfile, check=False)


# --- ours -> minisign ----------------------------------------------------------------


@pytest.mark.parametrize("prehashed", [True, False])
def test_our_signature_verifies_with_minisign(
    minisign: str, tmp_path: Path, prehashed: bool
) -> None:
    key = SigningKey.generate()
    sig = key.sign(DATA, trusted_comment=COMMENT, prehashed=prehashed)
    result = _verify_with_minisign(minisign, key.public_key(), DATA, sig, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n") == COMMENT


def test_our_signature_verifies_with_minisign_inline_key(minisign: str, tmp_path: Path) -> None:
    key = SigningKey.from_seed(bytes(range(32)), bytes(8))  # key id 0 prints as "0"
    (tmp_path / "f").write_bytes(b"")
    (tmp_path / "f.minisig").write_text(key.sign(b"", trusted_comment=""), encoding="utf-8")
    result = run(minisign, "-V", "-P", key.public_key().to_base64(), "-m", tmp_path / "f")
    assert "Signature and comment signature verified" in result.stdout


def test_minisign_refuses_our_tampered_signatures(minisign: str, tmp_path: Path) -> None:
    key = SigningKey.generate()
    sig = key.sign(DATA, trusted_comment=COMMENT)
    pk = key.public_key()
    assert _verify_with_minisign(minisign, pk, DATA + b"x", sig, tmp_path).returncode != 0
    forged = sig.replace("phiên thứ 12", "phiên thứ 13")
    assert _verify_with_minisign(minisign, pk, DATA, forged, tmp_path).returncode != 0
    other = SigningKey.generate().public_key()
    assert _verify_with_minisign(minisign, other, DATA, sig, tmp_path).returncode != 0


# --- minisign -> ours ----------------------------------------------------------------


def test_minisign_public_key_file_parses(minisign_keys: tuple[Path, Path]) -> None:
    pub, _ = minisign_keys
    text = pub.read_text(encoding="utf-8")
    pk = PublicKey.from_file_text(text)
    printed = re.search(r"minisign public key ([0-9A-F]+)", text)
    assert printed is not None and printed.group(1) == pk.key_id_hex
    assert pk.to_file_text() == text
    assert pk.to_base64() == text.splitlines()[1]


@pytest.mark.parametrize("legacy", [False, True])
def test_minisign_signature_verifies_with_ours(
    minisign: str, minisign_keys: tuple[Path, Path], tmp_path: Path, legacy: bool
) -> None:
    pub, sec = minisign_keys
    msg = tmp_path / "doc.pdf"
    msg.write_bytes(DATA)
    run(minisign, "-S", *(["-l"] if legacy else []), "-s", sec, "-m", msg, "-t", COMMENT)
    sig = (tmp_path / "doc.pdf.minisig").read_text(encoding="utf-8")
    assert base64.b64decode(sig.splitlines()[1])[:2] == (b"Ed" if legacy else b"ED")
    pk = PublicKey.from_file_text(pub.read_text(encoding="utf-8"))
    assert pk.verify(DATA, sig) == COMMENT

    with pytest.raises(BadSignatureError):
        pk.verify(DATA[:-1] + b"?", sig)
    with pytest.raises(BadSignatureError):
        pk.verify(DATA, sig.replace("phiên thứ 12", "phiên thứ 21"))
    lines = sig.split("\n")
    sig_line = lines[1]
    i = 40  # inside the Ed25519 signature, away from the padding
    lines[1] = sig_line[:i] + ("A" if sig_line[i] != "A" else "B") + sig_line[i + 1 :]
    with pytest.raises(BadSignatureError):
        pk.verify(DATA, "\n".join(lines))
    with pytest.raises(SignatureKeyMismatchError):
        SigningKey.generate().public_key().verify(DATA, sig)


def test_minisign_default_trusted_comment(
    minisign: str, minisign_keys: tuple[Path, Path], tmp_path: Path
) -> None:
    pub, sec = minisign_keys
    msg = tmp_path / "baocao.pdf"
    msg.write_bytes(b"%PDF-1.7\n")
    run(minisign, "-S", "-s", sec, "-m", msg)
    sig = (tmp_path / "baocao.pdf.minisig").read_text(encoding="utf-8")
    comment = PublicKey.from_file_text(pub.read_text(encoding="utf-8")).verify(b"%PDF-1.7\n", sig)
    assert re.fullmatch(r"timestamp:\d+\tfile:baocao\.pdf(\thashed)?", comment), comment
