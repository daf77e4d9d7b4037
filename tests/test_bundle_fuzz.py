"""Property-based fuzzing of the bundle reader: any bytes give a result or one of our errors."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bundle_helpers import People, unlock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperless.core.bundle import inspect_bundle, open_bundle, verify_bundle
from paperless.core.errors import PaperlessError
from paperless.core.identity import load_card

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _try_all(path: Path, people: People) -> None:
    trusted = [load_card(people.clerk)]
    for action in (
        lambda: inspect_bundle(path),
        lambda: verify_bundle(path, trusted),
    ):
        try:
            action()
        except PaperlessError:
            pass
    try:
        with open_bundle(path, unlock(people.member("an")), trusted) as opened:
            for item in opened.agenda.items:
                for doc in item.documents:
                    opened.read_document(doc.entry)
    except PaperlessError:
        pass


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(data: bytes, people: People) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.paperless"
        path.write_bytes(b"PK\x03\x04" + data if data[:1] == b"\x00" else data)
        _try_all(path, people)


@FUZZ
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=4),
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_mutated_real_bundle(flips: list[tuple[float, int]], cut: float | None, bundle: Path, people: People) -> None:
    """Flip bytes anywhere (ZIP records, manifest, signature, ciphertext) and maybe truncate."""
    data = bytearray(bundle.read_bytes())
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    if cut is not None:
        data = data[: int(cut * len(data))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.paperless"
        path.write_bytes(bytes(data))
        _try_all(path, people)


@FUZZ
@given(where=st.floats(0, 1, exclude_max=True), mask=st.integers(1, 255))
def test_flip_in_signed_content_is_always_caught(where: float, mask: int, bundle: Path, people: People) -> None:
    """A change inside any entry's bytes never goes unnoticed by verify."""
    from paperless.core.bundle.zipraw import BundleFile

    with BundleFile(bundle) as bf:
        spans = [(e.offset, e.size) for e in bf.entries.values()]
    total = sum(size for _o, size in spans)
    pos = int(where * total)
    target = None
    for offset, size in spans:
        if pos < size:
            target = offset + pos
            break
        pos -= size
    assert target is not None
    data = bytearray(bundle.read_bytes())
    data[target] ^= mask
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.paperless"
        path.write_bytes(bytes(data))
        try:
            verify_bundle(path, [load_card(people.clerk)])
        except PaperlessError:
            return
        raise AssertionError(f"flip at file offset {target} not detected")
