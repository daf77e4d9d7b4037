"""Interoperability with the real age CLI (``age``, ``age-keygen``), in both directions.

The CLI reads passphrases from the terminal, so passphrase runs go through a pseudo-terminal
(``pty.fork``: the child is a session leader with the pty as its controlling terminal).
Without the CLI on PATH these tests fail, naming the package to install (``age``).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from system_tools import require_tool
from terminal import run_on_terminal

from paperless.core import age

AGE = shutil.which("age")
AGE_KEYGEN = shutil.which("age-keygen")
SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536, 3 * 1024 * 1024 + 17]
PASSPHRASE = "correct horse battery staple – mật khẩu"
FAST_LOG_N = 12  # our own scrypt stanzas: quick for the CLI to check too


@pytest.fixture(scope="module", autouse=True)
def _need_cli() -> None:
    require_tool("age")
    require_tool("age-keygen")


def payload(size: int) -> bytes:
    return hashlib.shake_256(f"payload {size}".encode()).digest(size)


def run_cli(*args: str, stdin: bytes = b"") -> bytes:
    proc = subprocess.run([*args], input=stdin, capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return proc.stdout


def run_with_tty(argv: list[str], passphrase: str, cwd: Path, timeout: float = 120) -> str:
    """Run ``argv`` on a pseudo-terminal, answering each passphrase prompt; return the
    terminal output. The child must write its results to files (the tty is not binary-safe)."""
    code, text, answered = run_on_terminal(argv, passphrase, cwd=cwd, timeout=timeout)
    assert code == 0, text
    assert answered >= 1, f"no passphrase prompt seen: {text!r}"
    return text


def read_output(path: Path) -> bytes:
    """The CLI opens ``-o`` lazily: an empty plaintext leaves no file at all."""
    return path.read_bytes() if path.exists() else b""


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[age.X25519Identity]]:
    """Three identities made by age-keygen, in one identity file (with comments)."""
    d = tmp_path_factory.mktemp("keys")
    texts = [run_cli(str(AGE_KEYGEN)).decode() for _ in range(3)]
    path = d / "keys.txt"
    path.write_text("\n".join(texts))
    return path, age.parse_identity_file(path.read_text())


# --- ours -> CLI -----------------------------------------------------------------


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", SIZES)
def test_cli_decrypts_ours(tmp_path: Path, keys: tuple[Path, list[age.X25519Identity]], size: int, armor: bool) -> None:
    key_file, identities = keys
    data = payload(size)
    enc = tmp_path / "f.age"
    enc.write_bytes(age.encrypt_bytes([identities[0].recipient()], data, armor=armor))
    if armor:
        assert enc.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert run_cli(str(AGE), "-d", "-i", str(key_file), str(enc)) == data


def test_cli_decrypts_ours_multiple_recipients(tmp_path: Path, keys: tuple[Path, list[age.X25519Identity]]) -> None:
    _, identities = keys
    data = payload(200_000)
    enc = tmp_path / "f.age"
    enc.write_bytes(age.encrypt_bytes([i.recipient() for i in identities], data))
    for n, identity in enumerate(identities):
        single = tmp_path / f"key{n}.txt"
        single.write_text(identity.to_string() + "\n")
        assert run_cli(str(AGE), "-d", "-i", str(single), str(enc)) == data


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", [0, 65536, 3 * 65536 + 5])
def test_cli_decrypts_ours_passphrase(tmp_path: Path, size: int, armor: bool) -> None:
    data = payload(size)
    enc = tmp_path / "f.age"
    enc.write_bytes(age.encrypt_bytes([age.ScryptRecipient(PASSPHRASE, FAST_LOG_N)], data, armor=armor))
    run_with_tty([str(AGE), "-d", "-o", "out", "f.age"], PASSPHRASE, tmp_path)
    assert read_output(tmp_path / "out") == data


# --- CLI -> ours -----------------------------------------------------------------


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", SIZES)
def test_we_decrypt_cli(tmp_path: Path, keys: tuple[Path, list[age.X25519Identity]], size: int, armor: bool) -> None:
    _, identities = keys
    data = payload(size)
    (tmp_path / "plain").write_bytes(data)
    enc = tmp_path / "f.age"
    args = [str(AGE), "-r", identities[1].recipient().to_string(), "-o", str(enc)]
    run_cli(*args, *(["-a"] if armor else []), str(tmp_path / "plain"))
    assert enc.read_bytes().startswith(b"-----BEGIN" if armor else b"age-encryption.org/v1\n")
    assert age.decrypt_bytes(identities, enc.read_bytes()) == data
    with enc.open("rb") as src, (tmp_path / "out").open("wb") as out:
        age.decrypt([identities[1]], src, out)
    assert (tmp_path / "out").read_bytes() == data


def test_we_decrypt_cli_multiple_recipients(tmp_path: Path, keys: tuple[Path, list[age.X25519Identity]]) -> None:
    _, identities = keys
    data = payload(100_000)
    args: list[str] = []
    for identity in identities:
        args += ["-r", identity.recipient().to_string()]
    enc = run_cli(str(AGE), *args, stdin=data)
    for identity in identities:
        assert age.decrypt_bytes([identity], enc) == data
    with pytest.raises(age.AgeNoMatchError):
        age.decrypt_bytes([age.X25519Identity.generate()], enc)


@pytest.mark.parametrize("size", [0, 65537])
def test_we_decrypt_cli_passphrase(tmp_path: Path, size: int) -> None:
    data = payload(size)
    (tmp_path / "plain").write_bytes(data)
    run_with_tty([str(AGE), "-p", "-a", "-o", "f.age", "plain"], PASSPHRASE, tmp_path)
    enc = (tmp_path / "f.age").read_bytes()
    assert enc.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert age.decrypt_bytes([age.ScryptIdentity(PASSPHRASE)], enc) == data
    with pytest.raises(age.AgeWrongPassphraseError):
        age.decrypt_bytes([age.ScryptIdentity("not it")], enc)


# --- passphrase-protected identity files --------------------------------------------


def test_cli_uses_our_encrypted_identity_file(tmp_path: Path) -> None:
    identity = age.X25519Identity.generate()
    text = f"# created by paperless\n# paperless-ed25519: AAAA\n{identity.to_string()}\n"
    (tmp_path / "key.age").write_bytes(age.encrypt_identity_file(text, PASSPHRASE, log_n=FAST_LOG_N))
    data = payload(70_000)
    (tmp_path / "f.age").write_bytes(age.encrypt_bytes([identity.recipient()], data))
    run_with_tty([str(AGE), "-d", "-i", "key.age", "-o", "out", "f.age"], PASSPHRASE, tmp_path)
    assert (tmp_path / "out").read_bytes() == data


def test_we_use_cli_encrypted_identity_file(tmp_path: Path) -> None:
    run_with_tty(["sh", "-c", f"{AGE_KEYGEN} | {AGE} -p -a -o key.age"], PASSPHRASE, tmp_path)
    blob = (tmp_path / "key.age").read_bytes()
    assert age.is_age_file(blob)
    text = age.decrypt_identity_file(blob, PASSPHRASE)
    assert "# public key: age1" in text
    [identity] = age.parse_identity_file(text)
    public = next(line for line in text.splitlines() if line.startswith("# public key: "))
    assert identity.recipient().to_string() == public.split(": ", 1)[1]
    with pytest.raises(age.AgeWrongPassphraseError) as err:
        age.decrypt_identity_file(blob, "wrong")
    assert isinstance(err.value, age.AgeNoMatchError)
    # and the CLI decrypts what we encrypt to that key
    data = payload(1000)
    (tmp_path / "f.age").write_bytes(age.encrypt_bytes([identity.recipient()], data))
    run_with_tty([str(AGE), "-d", "-i", "key.age", "-o", "out", "f.age"], PASSPHRASE, tmp_path)
    assert (tmp_path / "out").read_bytes() == data
