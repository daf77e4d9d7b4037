"""AgeReader: random access to the plaintext of an age file, possibly inside a bigger file."""

from __future__ import annotations

import hashlib
import io
import random
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperless.core import age
from paperless.core.age.stream import BATCH, CHUNK_SIZE, ENC_CHUNK_SIZE

IDENTITY = age.X25519Identity.generate()
RECIPIENT = IDENTITY.recipient()
C = CHUNK_SIZE
SIZES = [0, 1, 100, C - 1, C, C + 1, 2 * C, 3 * C + 5, BATCH * C, BATCH * C + 1, 40 * C + 7]


def data_of(size: int) -> bytes:
    return hashlib.shake_256(f"plain {size}".encode()).digest(size)


_CACHE: dict[int, tuple[bytes, bytes]] = {}


def sample(size: int) -> tuple[bytes, bytes]:
    """(plaintext, age file) of ``size`` bytes, cached across tests."""
    if size not in _CACHE:
        plain = data_of(size)
        _CACHE[size] = plain, age.encrypt_bytes([RECIPIENT], plain)
    return _CACHE[size]


def reader(blob: bytes, **kw: int) -> age.AgeReader:
    return age.AgeReader(io.BytesIO(blob), [IDENTITY], **kw)


@pytest.mark.parametrize("size", SIZES)
def test_size_and_full_read(size: int) -> None:
    plain, blob = sample(size)
    r = reader(blob)
    assert r.size == size
    assert r.read() == plain
    assert r.read() == b""
    assert r.tell() == size
    r.seek(0)
    assert r.readall() == plain
    r.seek(0)
    assert io.BufferedReader(r, 10_000).read() == plain


@pytest.mark.parametrize("size", SIZES)
def test_chunk_boundaries(size: int) -> None:
    plain, blob = sample(size)
    r = reader(blob)
    points = {0, size, max(0, size - 1)}
    for k in range(0, size // C + 2):
        points.update({k * C - 1, k * C, k * C + 1})
    for at in sorted(p for p in points if 0 <= p <= size + 2):
        for n in (0, 1, 2, C - 1, C, C + 1, 3 * C):
            assert r.read_at(at, n) == plain[at : at + n], (at, n)


def test_seek_tell_read() -> None:
    plain, blob = sample(3 * C + 5)
    r = reader(blob)
    assert r.seekable() and r.readable() and not r.writable()
    assert r.seek(C - 2) == C - 2
    assert r.read(4) == plain[C - 2 : C + 2]
    assert r.seek(10, io.SEEK_CUR) == C + 12
    assert r.read(3) == plain[C + 12 : C + 15]
    assert r.seek(-7, io.SEEK_END) == len(plain) - 7
    assert r.read(100) == plain[-7:]
    r.seek(len(plain) + 50)
    assert r.read(10) == b""
    buf = bytearray(C + 3)
    r.seek(5)
    assert r.readinto(buf) == C + 3 and bytes(buf) == plain[5 : C + 8]
    with pytest.raises(ValueError):
        r.seek(-1)
    r.close()
    with pytest.raises(ValueError):
        r.read(1)


def test_inside_a_bigger_file(tmp_path: Path) -> None:
    plain, blob = sample(5 * C + 123)
    prefix, suffix = b"P" * 1000, b"S" * 5000
    path = tmp_path / "container"
    path.write_bytes(prefix + blob + suffix)
    with path.open("rb") as f:
        r = age.AgeReader(f, [IDENTITY], offset=len(prefix), length=len(blob))
        assert r.size == len(plain)
        rng = random.Random(1)
        for _ in range(200):
            at = rng.randrange(0, len(plain) + 10)
            n = rng.randrange(0, 3 * C)
            assert r.read_at(at, n) == plain[at : at + n]
        # the file object is shared: reads elsewhere in it must not disturb the reader
        f.seek(0)
        f.read(10)
        assert r.read_at(C, 10) == plain[C : C + 10]


def test_offset_to_end_of_file() -> None:
    plain, blob = sample(2 * C + 1)
    r = age.AgeReader(io.BytesIO(b"junk" + blob), [IDENTITY], offset=4)
    assert r.read() == plain


def test_stored_zip_entry(tmp_path: Path) -> None:
    plain, blob = sample(7 * C + 9)
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("before.txt", b"hello" * 100)
        z.writestr("doc.pdf.age", blob)
        z.writestr("after.txt", b"bye")
    with zipfile.ZipFile(path) as z, path.open("rb") as f:
        info = z.getinfo("doc.pdf.age")
        f.seek(info.header_offset)
        local = f.read(30)
        start = info.header_offset + 30 + int.from_bytes(local[26:28], "little")
        start += int.from_bytes(local[28:30], "little")
        r = age.AgeReader(f, [IDENTITY], offset=start, length=info.compress_size)
        assert r.read_at(3 * C - 5, 10) == plain[3 * C - 5 : 3 * C + 5]
        assert r.read() == plain


def test_concurrent_read_at() -> None:
    plain, blob = sample(40 * C + 7)
    r = reader(blob)
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(50):
                at, n = rng.randrange(len(plain)), rng.randrange(4 * C)
                assert r.read_at(at, n) == plain[at : at + n]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


@pytest.mark.parametrize("size", [1, C, C + 1, 3 * C, 3 * C + 5])
def test_truncation_detected(size: int) -> None:
    plain, blob = sample(size)
    header_len = blob.index(b"\n", blob.index(b"\n---") + 1) + 1
    cuts = {len(blob) - 1, len(blob) - 16, len(blob) - 17, header_len + 16, header_len + 5}
    cuts |= {header_len + 16 + k * ENC_CHUNK_SIZE + d for k in range(4) for d in (-1, 0, 1)}
    for cut in sorted(c for c in cuts if header_len <= c < len(blob)):
        with pytest.raises((age.AgePayloadError, age.AgeHeaderError)):
            r = reader(blob[:cut])
            r.read()
    # a length larger than the file is a truncation too
    with pytest.raises(age.AgePayloadError):
        reader(blob, length=len(blob) + ENC_CHUNK_SIZE).read()


def test_truncated_at_chunk_boundary_is_payload_error() -> None:
    plain, blob = sample(3 * C + 5)
    header_len = len(blob) - 16 - (3 * ENC_CHUNK_SIZE + 5 + 16)
    cut = header_len + 16 + 2 * ENC_CHUNK_SIZE  # two full chunks, final chunk gone
    with pytest.raises(age.AgePayloadError):
        reader(blob[:cut])


def test_bit_flips_detected() -> None:
    plain, blob = sample(4 * C + 77)
    rng = random.Random(7)
    for _ in range(60):
        pos = rng.randrange(len(blob))
        bad = bytearray(blob)
        bad[pos] ^= 1 << rng.randrange(8)
        with pytest.raises(age.AgeError):
            r = reader(bytes(bad))
            # a flip in a non-final chunk is only found when that chunk is read
            r.read()


def test_flip_only_hits_its_chunk() -> None:
    plain, blob = sample(4 * C + 77)
    payload_start = len(blob) - (4 * ENC_CHUNK_SIZE + 77 + 16)
    bad = bytearray(blob)
    bad[payload_start + ENC_CHUNK_SIZE + 100] ^= 0x80  # inside chunk 1
    r = reader(bytes(bad))
    assert r.read_at(0, C) == plain[:C]
    assert r.read_at(2 * C, 2 * C) == plain[2 * C : 4 * C]
    with pytest.raises(age.AgePayloadError):
        r.read_at(C + 5, 1)
    with pytest.raises(age.AgePayloadError):
        r.read_at(0, 3 * C)  # bulk path through the damaged chunk


def test_wrong_key_and_armor() -> None:
    _, blob = sample(10)
    with pytest.raises(age.AgeNoMatchError):
        age.AgeReader(io.BytesIO(blob), [age.X25519Identity.generate()])
    armored = age.encrypt_bytes([RECIPIENT], b"x", armor=True)
    with pytest.raises(age.AgeUnsupportedError):
        age.AgeReader(io.BytesIO(armored), [IDENTITY])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(0, 6 * C),
    reads=st.lists(st.tuples(st.integers(0, 7 * C), st.integers(0, 3 * C)), max_size=12),
)
def test_property_read_at(size: int, reads: list[tuple[int, int]]) -> None:
    plain = data_of(size)
    r = reader(age.encrypt_bytes([RECIPIENT], plain))
    assert r.size == size
    for at, n in reads:
        assert r.read_at(at, n) == plain[at : at + n]
        r.seek(at)
        assert r.read(n) == plain[at : at + n]
