"""Issue 8 §7: what the container shows — the same number of age stanzas in every entry,
document and agenda sizes padded to Padmé buckets — and old, unpadded bundles still open."""

from __future__ import annotations

import hashlib
import io
import json
import math
import shutil
import zipfile
from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People, make_pdf, rewrite_zip, run_cli, unlock, write_session

from paperless.core.age import (
    AgeReader,
    MLKEM768X25519Identity,
    X25519Identity,
    decrypt_bytes,
    encrypt_bytes,
    parse_header,
    pq_supported,
)
from paperless.core.bundle import NotPermittedError, TamperedError, build_bundle, open_bundle, verify_bundle
from paperless.core.bundle.manifest import Manifest
from paperless.core.bundle.padding import STANZA_BUCKET, PaddedReader, StanzaPlan, padme, stanza_count
from paperless.core.identity import load_card, unlock_identity
from paperless.core.session import load_session

OLD = Path(__file__).parent / "fixtures" / "bundle_unpadded_v1"
Entries = list[tuple[str, bytes]]


def _entries(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".age")}


def _padme_reference(length: int) -> int:
    """Algorithm 1 of the PURBs paper, written as printed (floating-point logarithms)."""
    e = math.floor(math.log2(length))
    s = math.floor(math.log2(e)) + 1
    last_bits = e - s
    bit_mask = (1 << last_bits) - 1
    return (length + bit_mask) & ~bit_mask


def test_padme_follows_the_paper_and_bounds_the_overhead() -> None:
    lengths = [*range(2, 70_000), 2**20 - 1, 2**20, 2**20 + 1, 5 * 2**20 + 12345, 10**9 + 7, 2**40 + 3]
    for n in lengths:
        padded = padme(n)
        assert padded == _padme_reference(n), n
        assert n <= padded <= n * 1.12 or padded - n <= 1, n
        assert padme(padded) == padded
    assert padme(0) == 0 and padme(1) == 1
    assert [padme(n) for n in (1000, 5000, 100_000, 5_000_000)] == [1024, 5120, 100_352, 5_111_808]
    # O(log log n) bits: few distinct sizes — above 2 MiB up to 4 MiB, 32 buckets of 64 KiB.
    assert len({padme(n) for n in range(2**21 + 1, 2**22 + 1, 1024)}) == 32


def test_stanza_count_is_a_bucket_of_eight() -> None:
    assert [stanza_count(n) for n in (1, 3, 8, 9, 16, 17)] == [8, 8, 8, 16, 16, 24]
    assert STANZA_BUCKET == 8


def test_every_entry_has_the_same_stanza_count(bundle: Path, people: People) -> None:
    """Three members, item 3 restricted to one: every entry (agenda included) has 8 X25519 stanzas
    and a header of the same length, and only the right members can open each."""
    entries = _entries(bundle)
    assert len(entries) == 5
    headers = {name: parse_header(data) for name, data in entries.items()}
    assert {len(h.stanzas) for h, _ in headers.values()} == {8}
    assert {s.type for h, _ in headers.values() for s in h.stanzas} == {"X25519"}
    assert len({length for _h, length in headers.values()}) == 1
    binh = unlock(people.member("binh")).age_identity
    an = unlock(people.member("an")).age_identity
    opened_by_binh = [n for n, d in entries.items() if binh.unwrap(parse_header(d)[0].stanzas) is not None]
    assert sorted(opened_by_binh) == ["agenda.age", "documents/0001.age", "documents/0002.age", "documents/0003.age"]
    assert all(an.unwrap(h.stanzas) is not None for h, _ in headers.values())


def test_decoy_stanzas_are_shuffled_among_the_real_ones() -> None:
    real = [X25519Identity.generate().recipient() for _ in range(3)]
    plan = StanzaPlan(real)
    positions = set()
    for _ in range(50):
        padded = plan.recipients(real[:1])
        assert len(padded) == 8 and padded.count(real[0]) == 1 and not set(real[1:]) & set(padded)
        positions.add(padded.index(real[0]))
    assert len(positions) > 1
    with pytest.raises(ValueError):  # more readers than the members the plan was made for
        StanzaPlan(real[:1]).recipients([X25519Identity.generate().recipient() for _ in range(9)])


@pytest.mark.skipif(not pq_supported(), reason="cryptography without ML-KEM")
def test_post_quantum_members_get_the_same_count_of_their_own_type() -> None:
    x = [X25519Identity.generate().recipient() for _ in range(2)]
    pq = MLKEM768X25519Identity.generate()
    plan = StanzaPlan([*x, pq.recipient()])
    for readers in ([*x, pq.recipient()], x[:1], [pq.recipient()]):
        header, _ = parse_header(encrypt_bytes(plan.recipients(readers), b"%PDF"))
        types = [s.type for s in header.stanzas]
        assert types.count("X25519") == 8 and types.count("mlkem768x25519") == 8
    assert decrypt_bytes([pq], encrypt_bytes(plan.recipients([pq.recipient()]), b"%PDF")) == b"%PDF"


def test_padded_reader_appends_zeros_to_the_bucket() -> None:
    data = b"%PDF" + bytes(range(256)) * 40
    padded = PaddedReader(io.BytesIO(data)).read()  # type: ignore[arg-type]
    assert padded[: len(data)] == data and len(padded) == padme(len(data)) > len(data)
    assert padded[len(data):] == bytes(len(padded) - len(data))


def test_documents_in_one_bucket_are_stored_alike(tmp_path: Path, people: People) -> None:
    """Two PDFs of different sizes within one Padmé bucket: the same stored size; each reads back
    byte-identical (with its own size), padding dropped."""
    docs = tmp_path / "docs"
    docs.mkdir()
    base = make_pdf(docs / "base.pdf", "Tờ trình", 2).read_bytes()
    top = padme(len(base) + 200)
    assert padme(top - 150) == top  # the bucket is wider than the two sizes' gap
    a, b = docs / "a.pdf", docs / "b.pdf"
    for path, size in ((a, top - 150), (b, top - 1)):  # a PDF comment after %%EOF: the same document
        path.write_bytes(base + b"\n%" + b"x" * (size - len(base) - 3) + b"\n")
    assert len(a.read_bytes()) != len(b.read_bytes())
    session = write_session(tmp_path, people, docs={"A": [a], "B": [b], "C": [make_pdf(docs / "c.pdf", "C")]})
    out = build_bundle(load_session(session), unlock(people.clerk), tmp_path / "b.paperless").path
    with open_bundle(out, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        sizes = {e.name: e.size for e in opened.manifest.entries}
        assert sizes["documents/0001.age"] == sizes["documents/0002.age"]
        for entry, path in (("documents/0001.age", a), ("documents/0002.age", b)):
            assert opened.read_document(entry) == path.read_bytes()
            with opened.open_document(entry) as reader:
                assert reader.size == len(path.read_bytes())
                assert reader.read_at(0, reader.size + 100) == path.read_bytes()


def test_documents_and_agenda_read_back_byte_identical(bundle: Path, session_dir: Path, people: People) -> None:
    """The session fixture: every document equals its source PDF; payloads are padded beyond it."""
    an = unlock(people.member("an"))
    raw = _entries(bundle)
    with open_bundle(bundle, an, [load_card(people.clerk)]) as opened:
        sources = {p.name: p.read_bytes() for p in (session_dir / "docs").glob("*.pdf")}
        for item in opened.agenda.items:
            for doc in item.documents:
                data = opened.read_document(doc.entry)
                assert data == sources[doc.filename]
                with AgeReader(io.BytesIO(raw[doc.entry]), [an.age_identity]) as payload:
                    assert payload.size == padme(doc.size) >= doc.size
                    assert payload.read_at(doc.size, payload.size) == bytes(payload.size - doc.size)
    agenda = decrypt_bytes([an.age_identity], raw["agenda.age"])
    text = agenda.rstrip(b" ")
    assert len(agenda) == padme(len(text)) and json.loads(text)["format"] == "paperless-agenda"


def _resigned(bundle: Path, out: Path, people: People, edit: object) -> Path:
    """The bundle with its agenda changed by ``edit`` (an insider holding the office's key)."""
    an = unlock(people.member("an"))
    clerk = unlock(people.clerk)
    members = [load_card(people.member(k)).age_recipient for k in ("an", "binh", "cuong")]

    def transform(entries: Entries) -> Entries:
        files = dict(entries)
        agenda = json.loads(decrypt_bytes([an.age_identity], files["agenda.age"]))
        edit(agenda)  # type: ignore[operator]
        new_agenda = encrypt_bytes(members, json.dumps(agenda).encode())
        m = Manifest.from_json(files["manifest.json"])
        new_entries = tuple(type(e)(e.name, e.kind, len(new_agenda), hashlib.sha256(new_agenda).hexdigest())
                            if e.name == "agenda.age" else e for e in m.entries)
        manifest = type(m)(**{**m.__dict__, "entries": new_entries}).to_json()
        sig = clerk.signing_key.sign(manifest, trusted_comment="insider").encode()
        files.update({"agenda.age": new_agenda, "manifest.json": manifest, "manifest.json.minisig": sig})
        return [(n, files[n]) for n, _ in entries]

    return rewrite_zip(bundle, out, transform)


def test_payload_shorter_than_the_agenda_size_is_refused(bundle: Path, people: People, tmp_path: Path) -> None:
    """A reader takes ``size`` bytes: a payload shorter than that is refused, by the app and by extract."""

    def grow(agenda: dict) -> None:  # type: ignore[type-arg]
        doc = agenda["items"][0]["documents"][0]
        stored = _entries(bundle)[doc["entry"]]
        with AgeReader(io.BytesIO(stored), [unlock(people.member("an")).age_identity]) as payload:
            doc["size"] = payload.size + 1  # the whole padded payload, and one more byte

    bad = _resigned(bundle, tmp_path / "bad.paperless", people, grow)
    with open_bundle(bad, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        entry = opened.agenda.items[0].documents[0].entry
        with pytest.raises(TamperedError) as err:
            opened.read_document(entry)
        assert "does not match the agenda" in err.value.message("en")
        with pytest.raises(TamperedError):
            opened.open_document(entry)
    out = tmp_path / "out"
    r = run_cli("bundle", "extract", bad, "--identity", people.member("an"), "--out", out, "--trust", people.clerk,
                "--passphrase-env", "PAPERLESS_PASSPHRASE", env={"PAPERLESS_HOME": str(tmp_path / "home")})
    assert r.returncode == 3 and "documents/0001.age does not match the agenda" in r.stderr, r.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.partial*"))


@pytest.fixture
def old_bundle(tmp_path: Path) -> Path:
    copy = tmp_path / "old"
    shutil.copytree(OLD, copy)
    for key in ("an", "binh"):
        (copy / key / "secret.age").chmod(0o600)
    return copy


def test_old_unpadded_bundle_still_opens(old_bundle: Path) -> None:
    """Built before padding (tests/fixtures/bundle_unpadded_v1): payload == size, stanza counts differ."""
    bundle = old_bundle / "unpadded-v1.paperless"
    trusted = [load_card(old_bundle / "clerk" / "card.toml")]
    headers = [parse_header(d)[0] for d in _entries(bundle).values()]
    assert sorted(len(h.stanzas) for h in headers) == [1, 2, 2, 2]  # really the old layout
    assert verify_bundle(bundle, trusted).manifest.version == 1
    an = unlock_identity(old_bundle / "an", PASSPHRASE, failure_delay=0)
    raw = _entries(bundle)
    with open_bundle(bundle, an, trusted) as opened:
        for item in opened.agenda.items:
            for doc in item.documents:
                data = opened.read_document(doc.entry)
                assert data == (old_bundle / "src" / doc.filename).read_bytes()
                with AgeReader(io.BytesIO(raw[doc.entry]), [an.age_identity]) as payload:
                    assert payload.size == doc.size  # no padding
                with opened.open_document(doc.entry) as reader:
                    assert reader.read_at(0, reader.size) == data
    binh = unlock_identity(old_bundle / "binh", PASSPHRASE, failure_delay=0)
    with open_bundle(bundle, binh, trusted) as opened:
        restricted = opened.agenda.items[1].documents[0].entry
        with pytest.raises(NotPermittedError):
            opened.read_document(restricted)


def test_old_unpadded_bundle_extracts_through_the_cli(old_bundle: Path, tmp_path: Path) -> None:
    bundle = old_bundle / "unpadded-v1.paperless"
    out = tmp_path / "an"
    r = run_cli("bundle", "extract", bundle, "--identity", old_bundle / "an", "--out", out,
                "--trust", old_bundle / "clerk" / "card.toml", "--passphrase-env", "PAPERLESS_PASSPHRASE",
                env={"PAPERLESS_HOME": str(tmp_path / "home")})
    assert r.returncode == 0, r.stderr
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        [written] = list(out.rglob(name))
        assert written.read_bytes() == (old_bundle / "src" / name).read_bytes()
