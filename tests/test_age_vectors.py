"""The community age test vectors (C2SP CCTV age/testdata): one test per vector file.

The folder comes from ``PAPERLESS_AGE_VECTORS`` (default: the copy in ``tests/fixtures/age-vectors``,
which must be the same as the project's shared copy ``<repo>/../shared/testvectors/age`` where that
exists); without it the test of the folder fails (it does not skip) and says where to point the variable.
Each vector names its outcome with ``expect:``; every outcome maps to exactly one exception
class, and for payload failures the plaintext released before the failure must hash to
``payload:``. A summary line ``age vectors: ...`` is printed at the end of the run.
"""

from __future__ import annotations

import hashlib
import io
import os
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from paperless.core import age
from paperless.core.age import pq

REPO = Path(__file__).resolve().parents[1]
VECTORS = Path(os.environ.get("PAPERLESS_AGE_VECTORS", REPO / "tests/fixtures/age-vectors"))
SHARED = REPO.parent / "shared/testvectors/age"  # the project's shared copy, where it exists

OUTCOMES: dict[str, type[age.AgeError] | None] = {
    "success": None,
    "header failure": age.AgeHeaderError,
    "HMAC failure": age.AgeHmacError,
    "payload failure": age.AgePayloadError,
    "no match": age.AgeNoMatchError,
    "armor failure": age.AgeArmorError,
}
EXCLUSIVE = tuple(c for c in OUTCOMES.values() if c is not None) + (age.AgeUnsupportedError,)

RESULTS: Counter[str] = Counter()


@dataclass
class Vector:
    name: str
    expect: str
    payload: str | None = None
    identities: list[str] = field(default_factory=list)
    passphrases: list[str] = field(default_factory=list)
    armored: bool = False
    data: bytes = b""

    @property
    def post_quantum(self) -> bool:
        return any(i.upper().startswith("AGE-SECRET-KEY-PQ-") for i in self.identities)


def load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, sep, body = raw.partition(b"\n\n")
    assert sep, f"{path.name}: no blank line after the vector header"
    vector = Vector(path.name, "")
    compressed = False
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key == "expect":
            vector.expect = value
        elif key == "payload":
            vector.payload = value
        elif key == "identity":
            vector.identities.append(value)
        elif key == "passphrase":
            vector.passphrases.append(value)
        elif key == "armored":
            vector.armored = value == "yes"
        elif key == "compressed":
            assert value == "zlib", f"{path.name}: unknown compression {value}"
            compressed = True
    vector.data = zlib.decompress(body) if compressed else body
    assert vector.expect in OUTCOMES, f"{path.name}: unknown outcome {vector.expect!r}"
    return vector


def vector_files() -> list[Path]:
    if not VECTORS.is_dir():
        return []
    return sorted(p for p in VECTORS.iterdir() if p.is_file() and p.name != "README.md")


def identities_for(vector: Vector) -> list[age.Identity]:
    found: list[age.Identity] = []
    for text in vector.identities:
        if text.upper().startswith("AGE-SECRET-KEY-PQ-"):
            found.append(age.MLKEM768X25519Identity.from_string(text))
        else:
            found.append(age.X25519Identity.from_string(text))
    found.extend(age.ScryptIdentity(p) for p in vector.passphrases)
    return found


def run(vector: Vector) -> tuple[BaseException | None, bytes]:
    out = io.BytesIO()
    try:
        age.decrypt(identities_for(vector), io.BytesIO(vector.data), out)
    except age.AgeError as exc:
        return exc, out.getvalue()
    return None, out.getvalue()


def check_outcome(vector: Vector, exc: BaseException | None, released: bytes) -> None:
    expected = OUTCOMES[vector.expect]
    if expected is None:
        assert exc is None, f"expected success, got {exc!r}"
    else:
        assert isinstance(exc, expected), f"expected {expected.__name__}, got {exc!r}"
        others = [c for c in EXCLUSIVE if c is not expected and isinstance(exc, c)]
        assert not others, f"{exc!r} is also a {others}"
    if vector.payload is not None:
        assert hashlib.sha256(released).hexdigest() == vector.payload
    elif expected is not age.AgePayloadError:
        assert released == b""


@pytest.fixture(scope="module", autouse=True)
def _summary(request: pytest.FixtureRequest) -> None:
    """Register (once) a plugin printing the vector counts in the terminal summary."""
    manager = request.config.pluginmanager
    if manager.get_plugin("age-vector-summary") is None:
        manager.register(_SummaryPlugin(), "age-vector-summary")


class _SummaryPlugin:
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not RESULTS:
            return
        by_outcome = ", ".join(f"{n} {k}" for k, n in sorted(RESULTS.items()) if k.startswith("outcome: ")).replace(
            "outcome: ", ""
        )
        terminalreporter.write_line(
            f"age vectors: {RESULTS['passed']} passed ({RESULTS['post-quantum']} post-quantum), "
            f"{RESULTS['unsupported']} post-quantum unsupported; by outcome: {by_outcome}"
        )


def need_vectors(path: Path = VECTORS) -> None:
    """The tests of a missing vector folder fail (they do not skip) and say what to do."""
    if not vector_files() or not path.exists():
        pytest.fail(f"age test vectors missing: {VECTORS} (set PAPERLESS_AGE_VECTORS to a copy of the C2SP CCTV "
                    "age/testdata folder, 143 files)", pytrace=False)


def test_vector_folder_present() -> None:
    need_vectors()
    assert len(vector_files()) == 143


def test_the_copy_is_the_shared_one() -> None:
    """The vectors in the repository are those of the shared collection, byte for byte."""
    if not SHARED.is_dir():  # a clone outside the project's workspace: the copy is all there is
        assert len(vector_files()) == 143
        return
    shared = sorted(p for p in SHARED.iterdir() if p.is_file() and p.name != "README.md")
    assert [p.name for p in shared] == [p.name for p in vector_files()]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(shared, vector_files(), strict=True))


@pytest.mark.parametrize("path", vector_files() or [VECTORS / "missing"], ids=lambda p: p.name)
def test_vector(path: Path) -> None:
    need_vectors(path)
    vector = load(path)
    exc, released = run(vector)
    if vector.post_quantum and not pq.pq_supported():
        # Failures found before any post-quantum step keep their outcome; the rest must be
        # refused clearly as unsupported.
        if not isinstance(exc, age.AgeUnsupportedError):
            check_outcome(vector, exc, released)
        RESULTS["unsupported"] += 1
        return
    check_outcome(vector, exc, released)
    RESULTS["passed"] += 1
    RESULTS[f"outcome: {vector.expect}"] += 1
    if vector.post_quantum:
        RESULTS["post-quantum"] += 1


PQ_FILES = [p for p in vector_files() if load(p).post_quantum] or [VECTORS / "missing"]


@pytest.mark.parametrize("path", PQ_FILES, ids=lambda p: p.name)
def test_vector_without_post_quantum_support(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ML-KEM unavailable, hybrid vectors fail cleanly: the expected header failure when
    it is found before any post-quantum step, AgeUnsupportedError otherwise."""
    need_vectors(path)

    def unavailable() -> None:
        raise age.AgeUnsupportedError(detail="post-quantum keys need a newer cryptography")

    monkeypatch.setattr(pq, "_backend", unavailable)
    vector = load(path)
    exc, released = run(vector)
    assert exc is not None
    if isinstance(exc, age.AgeUnsupportedError):
        assert "post-quantum" in str(exc)
        assert released == b""
        return
    # failed before touching ML-KEM: must be the outcome the vector expects
    check_outcome(vector, exc, released)
    assert vector.expect in ("header failure", "armor failure", "no match")
