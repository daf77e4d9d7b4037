"""Robustness: any input gives a result or an AgeError, never another exception; and the
abuse limits stop hostile headers before any expensive work."""

from __future__ import annotations

import io
import time
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from paperless.core import age
from paperless.core.age import armor, header

IDENTITY = age.X25519Identity.generate()
OTHER = age.X25519Identity.generate()
PLAIN = bytes(range(256)) * 300  # two chunks
BINARY = age.encrypt_bytes([IDENTITY.recipient(), OTHER.recipient()], PLAIN)
ARMORED = age.encrypt_bytes([IDENTITY.recipient()], PLAIN[:5000], armor=True)
SCRYPT = age.encrypt_bytes([age.ScryptRecipient("pw", 2)], b"secret")
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDENTITIES: list[age.Identity] = [IDENTITY, age.ScryptIdentity("pw", 10)]


def header_like() -> st.SearchStrategy[bytes]:
    """Bytes that get past the first checks often: the version line plus header-ish lines."""
    line = st.one_of(
        st.just(b"-> X25519 " + BINARY.split(b" ")[2].split(b"\n")[0]),
        st.just(b"-> scrypt AAAAAAAAAAAAAAAAAAAAAA 10"),
        st.just(b"---"),
        st.just(b"--- " + b"A" * 43),
        st.binary(max_size=70),
        st.text("ABCDEFGHabcdefgh0123456789+/= ->", max_size=70).map(str.encode),
    )
    return st.lists(line, max_size=8).map(lambda lines: header.VERSION_LINE + b"\n".join(lines) + b"\n")


@FUZZ
@given(st.one_of(st.binary(max_size=2000), header_like()))
def test_parse_header_any_bytes(data: bytes) -> None:
    try:
        parsed, length = age.parse_header(data)
    except age.AgeError:
        return
    assert 0 < length <= len(data)
    assert parsed.encode() == data[:length]  # the parser only accepts canonical headers


@FUZZ
@given(st.one_of(st.binary(max_size=3000), header_like()))
def test_decrypt_any_bytes(data: bytes) -> None:
    with pytest.raises(age.AgeError):
        age.decrypt_bytes(IDENTITIES, data)


@FUZZ
@given(st.binary(max_size=3000))
def test_decrypt_armored_garbage(data: bytes) -> None:
    text = armor.BEGIN + b"\n" + data + b"\n" + armor.END + b"\n"
    try:
        age.decrypt_bytes(IDENTITIES, text)
    except age.AgeError:
        return
    raise AssertionError("garbage decrypted")  # pragma: no cover


def mutants() -> st.SearchStrategy[tuple[bytes, bytes]]:
    """(original, mutated) pairs from the sample files: bit flips, truncation, insertion."""
    original = st.sampled_from([BINARY, ARMORED, SCRYPT])

    def mutate(data: bytes, draw: st.DrawFn) -> bytes:
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "replace"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and at < len(data):
            b = bytearray(data)
            b[at] ^= 1 << draw(st.integers(0, 7))
            return bytes(b)
        if kind == "truncate":
            return data[:at]
        if kind == "insert":
            return data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]
        if kind == "delete":
            return data[:at] + data[at + draw(st.integers(1, 200)) :]
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + 8 :]

    @st.composite
    def pair(draw: st.DrawFn) -> tuple[bytes, bytes]:
        data = draw(original)
        out = data
        for _ in range(draw(st.integers(1, 3))):
            out = mutate(out, draw)
        return data, out

    return pair()


@FUZZ
@given(mutants())
def test_mutations_detected(case: tuple[bytes, bytes]) -> None:
    original, mutated = case
    assume(mutated != original)
    expected = age.decrypt_bytes(IDENTITIES, original)
    try:
        result = age.decrypt_bytes(IDENTITIES, mutated)
    except age.AgeError:
        return
    # only armor may tolerate a change (whitespace around the block, LF vs CRLF)
    assert original is ARMORED, "a binary age file was modified without detection"
    assert result == expected


@settings(max_examples=100, deadline=None)
@given(mutants())
def test_mutations_random_access(case: tuple[bytes, bytes]) -> None:
    original, mutated = case
    assume(original is BINARY and mutated != original)
    with pytest.raises(age.AgeError):
        r = age.AgeReader(io.BytesIO(mutated), IDENTITIES)
        r.read()


class Spy:
    """An identity that records whether it was asked to unwrap anything."""

    def __init__(self) -> None:
        self.calls = 0

    def unwrap(self, stanzas: Sequence[age.Stanza]) -> bytes | None:
        self.calls += 1
        return None


@pytest.mark.parametrize("stanza", [b"-> a\n\n", None], ids=["tiny", "x25519"])
def test_absurd_stanza_count_refused_quickly(stanza: bytes | None) -> None:
    if stanza is None:  # real X25519 stanzas: the 1 MiB size limit trips first
        stanza = BINARY[len(header.VERSION_LINE) : BINARY.index(b"\n-> ", 30) + 1]
    blob = header.VERSION_LINE + stanza * 100_000 + b"--- " + b"A" * 43 + b"\n" + bytes(32)
    spy = Spy()
    start = time.perf_counter()
    with pytest.raises(age.AgeLimitError) as err:
        age.decrypt_bytes([spy, IDENTITY], blob)
    assert time.perf_counter() - start < 2.0
    assert spy.calls == 0
    assert isinstance(err.value, age.AgeHeaderError)
    with pytest.raises(age.AgeLimitError):
        age.parse_header(blob)


def test_stanza_limit_boundary() -> None:
    stanzas = [age.Stanza("grease", (str(i),), b"") for i in range(age.MAX_STANZAS)]
    ok = age.Header.build(stanzas, bytes(16)).encode()
    parsed, _ = age.parse_header(ok)
    assert len(parsed.stanzas) == age.MAX_STANZAS
    too_many = age.Header.build([*stanzas, stanzas[0]], bytes(16)).encode()
    with pytest.raises(age.AgeLimitError):
        age.parse_header(too_many)


def test_huge_header_line_refused() -> None:
    blob = header.VERSION_LINE + b"-> " + b"a" * (2 * age.MAX_HEADER_BYTES)
    with pytest.raises(age.AgeLimitError):
        age.decrypt_bytes([IDENTITY], blob)


def scrypt_file(log_n: int) -> bytes:
    stanza = age.Stanza("scrypt", ("AAAAAAAAAAAAAAAAAAAAAA", str(log_n)), bytes(32))
    return age.Header.build([stanza], bytes(16)).encode() + bytes(16 + 32)


@pytest.mark.parametrize("log_n", [23, 30, 64, 99])
def test_scrypt_work_factor_refused_unrun(log_n: int) -> None:
    # scrypt at 2^23 would need 8 GiB and many seconds; the refusal must be immediate
    start = time.perf_counter()
    with pytest.raises(age.AgeScryptWorkFactorError) as err:
        age.decrypt_bytes([age.ScryptIdentity("pw")], scrypt_file(log_n))
    assert time.perf_counter() - start < 0.5
    assert isinstance(err.value, age.AgeHeaderError)
    assert f"2^{log_n}" in err.value.message("en") and "2^22" in err.value.message("en")


def test_scrypt_lower_max_log_n() -> None:
    start = time.perf_counter()
    with pytest.raises(age.AgeScryptWorkFactorError):
        age.decrypt_bytes([age.ScryptIdentity("pw", max_log_n=10)], scrypt_file(20))
    assert time.perf_counter() - start < 0.5
    with pytest.raises(age.AgeUsageError):
        age.ScryptIdentity("pw", max_log_n=23)
