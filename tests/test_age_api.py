"""Unit tests of the age API: keys, Bech32, identity files, header, streaming, errors."""

from __future__ import annotations

import hashlib
import io
import os
import time

import pytest

from paperless.core import age
from paperless.core.age import errors as age_errors
from paperless.core.age.stream import BATCH, CHUNK_SIZE

C = CHUNK_SIZE
SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"
SPEC_PQ_IDENTITY = "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR"


# --- Bech32 and keys -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A12UEL5L",
        "a12uel5l",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    ],
)
def test_bech32_bip173_valid(text: str) -> None:
    hrp, data = age.bech32_decode(text)
    assert age.bech32_encode(hrp, data, upper=text.isupper()) == text


@pytest.mark.parametrize(
    "text",
    [
        "A12uEL5L",
        "a12uel5m",
        "pzry9x0s0muk",
        "1pzry9x0s0muk",
        "x1b4n0q5v",
        "li1dgmt3",
        "de1lg7wt\xff",
        "A1G7SGD8",
        "10a06t8",
        "1qzzfhee",
        "abc1\x20xyz1234",
    ],
)
def test_bech32_invalid(text: str) -> None:
    with pytest.raises(age.AgeKeyError):
        age.bech32_decode(text)


def test_bech32_no_length_limit() -> None:
    data = os.urandom(1216)
    assert age.bech32_decode(age.bech32_encode("age1pq", data)) == ("age1pq", data)


def test_spec_x25519_keys() -> None:
    identity = age.X25519Identity.from_string(SPEC_IDENTITY)
    assert identity.to_string() == SPEC_IDENTITY
    assert identity.recipient().to_string() == SPEC_RECIPIENT
    assert age.X25519Recipient.from_string(SPEC_RECIPIENT) == identity.recipient()
    assert SPEC_IDENTITY[20:] not in repr(identity)


def test_spec_pq_keys() -> None:
    if not age.pq_supported():
        pytest.skip("no ML-KEM in this cryptography build")
    identity = age.MLKEM768X25519Identity.from_string(SPEC_PQ_IDENTITY)
    recipient = identity.recipient().to_string()
    assert recipient.startswith("age1pq1x34nzsvr0rxjsgdn8zgyhfe8j7ceq5r9rdelkjuh3y235jzxshfg87pzf5")
    assert recipient.endswith("x3qheyty7saeq0d3fzv49zc0k")
    assert age.parse_recipient(recipient) == identity.recipient()
    data = os.urandom(100_000)
    blob = age.encrypt_bytes([identity.recipient()], data)
    assert b"-> mlkem768x25519 " in blob
    assert age.decrypt_bytes([age.X25519Identity.generate(), identity], blob) == data
    with pytest.raises(age.AgeNoMatchError):
        age.decrypt_bytes([age.MLKEM768X25519Identity.generate()], blob)


@pytest.mark.parametrize(
    "bad",
    [
        "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqhxhexx",  # wrong checksum
        SPEC_IDENTITY,
        "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujw",
        "age2zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj",
        "",
    ],
)
def test_bad_recipients(bad: str) -> None:
    with pytest.raises(age.AgeKeyError):
        age.X25519Recipient.from_string(bad)


def test_low_order_recipient_rejected() -> None:
    for point in (bytes(32), (1).to_bytes(32, "little")):
        with pytest.raises(age.AgeKeyError):
            age.X25519Recipient(point)
        with pytest.raises(age.AgeKeyError):
            age.X25519Recipient.from_string(age.bech32_encode("age", point))


def test_generate_roundtrip() -> None:
    identity = age.X25519Identity.generate()
    again = age.X25519Identity.from_string(identity.to_string())
    assert again == identity and again.recipient() == identity.recipient()
    assert identity.to_string().startswith("AGE-SECRET-KEY-1")
    assert identity.to_string().lower().upper() == identity.to_string()


# --- identity files -------------------------------------------------------------------


def test_identity_file_with_comments() -> None:
    a, b = age.X25519Identity.generate(), age.X25519Identity.generate()
    text = (
        "# created: 2024-01-01T00:00:00Z\r\n"
        f"# public key: {a.recipient()}\r\n"
        "# paperless-ed25519: MCowBQYDK2VwAyEA: anything: goes # here\r\n"
        f"{a.to_string()}\r\n\r\n   \n"
        f"  {b.to_string()}  \n"
    )
    assert age.parse_identity_file(text) == [a, b]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", age.AgeKeyError),
        ("# only comments\n", age.AgeKeyError),
        ("not a key\n", age.AgeKeyError),
        (SPEC_IDENTITY[:-1] + "Y\n", age.AgeKeyError),
        ("AGE-PLUGIN-YUBIKEY-1QQQQQQ\n", age.AgeUnsupportedError),
        (SPEC_PQ_IDENTITY + "\n", age.AgeUnsupportedError),
    ],
)
def test_identity_file_errors(text: str, error: type[age.AgeError]) -> None:
    with pytest.raises(error) as err:
        age.parse_identity_file(text)
    assert SPEC_IDENTITY[16:40] not in str(err.value)  # never echo secrets


def test_parse_identities_mixed() -> None:
    found = age.parse_identities(f"{SPEC_IDENTITY}\n{SPEC_PQ_IDENTITY}\n")
    assert isinstance(found[0], age.X25519Identity)
    assert isinstance(found[1], age.MLKEM768X25519Identity)


def test_encrypted_identity_file_roundtrip() -> None:
    text = f"# paperless-ed25519: xyz\n{SPEC_IDENTITY}\n"
    blob = age.encrypt_identity_file(text, "pässphrase", log_n=4)
    assert blob.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert age.is_age_file(blob) and not age.is_age_file(text.encode())
    assert age.decrypt_identity_file(blob, "pässphrase") == text
    with pytest.raises(age.AgeWrongPassphraseError) as err:
        age.decrypt_identity_file(blob, "wrong")
    assert "identity file" in err.value.message("en")
    assert err.value.message("vi") == "Sai mật khẩu cho tệp khoá bí mật."
    assert err.value.exit_code == 2


# --- header ---------------------------------------------------------------------------


@pytest.mark.parametrize("body_len", [0, 1, 47, 48, 49, 96, 200])
def test_header_roundtrip(body_len: int) -> None:
    stanzas = [age.Stanza("test", ("a", "b!~"), os.urandom(body_len)), age.Stanza("x", (), b"")]
    built = age.Header.build(stanzas, bytes(16))
    encoded = built.encode()
    parsed, length = age.parse_header(encoded + b"payload")
    assert length == len(encoded)
    assert parsed.stanzas == built.stanzas and parsed.mac == built.mac
    parsed.verify_mac(bytes(16))
    with pytest.raises(age.AgeHmacError):
        parsed.verify_mac(bytes(15) + b"\x01")
    for line in encoded.split(b"\n"):
        assert len(line) <= 64 or line.startswith(b"-> ")


@pytest.mark.parametrize("arg", ["", "a b", "é", "tab\t"])
def test_header_rejects_bad_arguments(arg: str) -> None:
    with pytest.raises(age.AgeHeaderError):
        age.Header.build([age.Stanza("t", (arg,), b"")], bytes(16))


def test_version_errors() -> None:
    for data, needle in ((b"", "empty"), (b"age-encryption.org/v2\n", "v2"), (b"hello world", "not an age file")):
        with pytest.raises(age.AgeHeaderError) as err:
            age.decrypt_bytes([age.X25519Identity.generate()], data)
        assert needle in str(err.value)


# --- streaming ------------------------------------------------------------------------

STREAM_SIZES = [0, 1, C - 1, C, C + 1, BATCH * C - 1, BATCH * C, BATCH * C + 1, 2 * BATCH * C, 2 * BATCH * C + C + 3]


class Trickle(io.RawIOBase):
    """A raw stream returning at most ``step`` bytes per call (like a pipe)."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data, self._pos, self._step = data, 0, step

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        n = min(len(b), self._step, len(self._data) - self._pos)
        b[:n] = self._data[self._pos : self._pos + n]
        self._pos += n
        return n


class ShortWriter:
    """Accepts at most 1000 bytes per write, like a raw non-blocking file."""

    def __init__(self) -> None:
        self.out = bytearray()

    def write(self, data: bytes | bytearray | memoryview) -> int:
        chunk = bytes(data[:1000])
        self.out += chunk
        return len(chunk)


@pytest.mark.parametrize("size", STREAM_SIZES)
@pytest.mark.parametrize("workers", [1, 2])
def test_stream_roundtrip(size: int, workers: int) -> None:
    identity = age.X25519Identity.generate()
    data = hashlib.shake_256(str(size).encode()).digest(size)
    enc = io.BytesIO()
    age.encrypt([identity.recipient()], io.BytesIO(data), enc, workers=workers)
    blob = enc.getvalue()
    chunks = max(1, -(-size // C))
    header_len = age.parse_header(blob)[1]
    assert len(blob) == header_len + 16 + size + 16 * chunks
    out = io.BytesIO()
    age.decrypt([identity], io.BytesIO(blob), out, workers=workers)
    assert out.getvalue() == data


def test_stream_small_reads_and_short_writes() -> None:
    identity = age.X25519Identity.generate()
    data = os.urandom(3 * C + 11)
    enc = ShortWriter()
    age.encrypt([identity.recipient()], Trickle(data, 777), enc)
    dec = ShortWriter()
    age.decrypt([identity], Trickle(bytes(enc.out), 1001), dec)
    assert bytes(dec.out) == data
    armored = ShortWriter()
    age.encrypt([identity.recipient()], Trickle(data, 5000), armored, armor=True)
    dec = ShortWriter()
    age.decrypt([identity], Trickle(bytes(armored.out), 333), dec)
    assert bytes(dec.out) == data


@pytest.mark.parametrize("size", [0, 47, 48, 49, 3 * C + 1])
def test_armor_format(size: int) -> None:
    identity = age.X25519Identity.generate()
    data = os.urandom(size)
    text = age.encrypt_bytes([identity.recipient()], data, armor=True)
    lines = text.split(b"\n")
    assert lines[0] == b"-----BEGIN AGE ENCRYPTED FILE-----"
    assert lines[-2:] == [b"-----END AGE ENCRYPTED FILE-----", b""]
    body = lines[1:-2]
    assert all(len(line) == 64 for line in body[:-1]) and 0 < len(body[-1]) <= 64
    assert age.decrypt_bytes([identity], text) == data
    crlf = text.replace(b"\n", b"\r\n")
    assert age.decrypt_bytes([identity], b"\n  \t\n" + crlf + b"\r\n \n") == data


def test_mixing_passphrase_refused() -> None:
    identity = age.X25519Identity.generate()
    with pytest.raises(age.AgeUsageError):
        age.encrypt_bytes([age.ScryptRecipient("pw", 4), identity.recipient()], b"x")
    with pytest.raises(age.AgeUsageError):
        age.encrypt_bytes([], b"x")
    with pytest.raises(age.AgeUsageError):
        age.ScryptRecipient("pw", 23)
    with pytest.raises(age.AgeUsageError):
        age.ScryptRecipient("", 10)


def test_scrypt_roundtrip_and_wrong_passphrase() -> None:
    blob = age.encrypt_bytes([age.ScryptRecipient(b"pw", 4)], b"hello")
    assert age.decrypt_bytes([age.ScryptIdentity("pw")], blob) == b"hello"
    with pytest.raises(age.AgeWrongPassphraseError):
        age.decrypt_bytes([age.ScryptIdentity("nope")], blob)
    with pytest.raises(age.AgeNoMatchError) as err:
        age.decrypt_bytes([age.X25519Identity.generate()], blob)
    assert not isinstance(err.value, age.AgeWrongPassphraseError)


def test_payload_failure_releases_verified_prefix() -> None:
    identity = age.X25519Identity.generate()
    data = os.urandom(5 * C)
    blob = bytearray(age.encrypt_bytes([identity.recipient()], data))
    blob[-(2 * (C + 16)) - 3] ^= 1  # damage the third of five chunks
    out = io.BytesIO()
    with pytest.raises(age.AgePayloadError):
        age.decrypt([identity], io.BytesIO(bytes(blob)), out)
    assert out.getvalue() == data[: 2 * C]


# --- errors ---------------------------------------------------------------------------

ERROR_CLASSES = [obj for obj in vars(age_errors).values() if isinstance(obj, type) and issubclass(obj, age.AgeError)]


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_error_messages(cls: type[age.AgeError]) -> None:
    err = cls(detail="chi tiết", log_n=23, max_log_n=22, what="tệp")
    for lang in ("en", "vi"):
        text = err.message(lang)
        assert text and "\n" not in text and "{" not in text
    assert err.message("en") != err.message("vi")
    assert cls.__dict__.get("vi") or cls is age.AgeWrongPassphraseError
    vi = err.message("vi")
    assert any(ch in vi for ch in "ảãạáàăâđêôơưệộ")  # real Vietnamese, with diacritics


def test_armor_mixed_line_endings_and_late_damage() -> None:
    identity = age.X25519Identity.generate()
    data = os.urandom(3 * 1024 * 1024)
    text = age.encrypt_bytes([identity.recipient()], data, armor=True)
    lines = text.split(b"\n")
    mixed = b"".join(line + (b"\r\n" if n % 7 == 3 else b"\n") for n, line in enumerate(lines[:-1]))
    assert age.decrypt_bytes([identity], mixed) == data
    for bad in (b"*", b" ", b"\r", b"="):  # one bad byte near the end of a long file
        damaged = bytearray(text)
        damaged[len(text) - 5000] = bad[0]
        start = time.perf_counter()
        with pytest.raises(age.AgeArmorError):
            age.decrypt_bytes([identity], bytes(damaged))
        assert time.perf_counter() - start < 3.0  # no quadratic fallback
    short_line = text.replace(lines[5] + b"\n", lines[5][:60] + b"\n" + lines[5][60:] + b"\n")
    with pytest.raises(age.AgeArmorError):
        age.decrypt_bytes([identity], short_line)
