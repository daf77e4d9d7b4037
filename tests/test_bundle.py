"""Building, verifying, opening and extracting real bundles through the core API."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pymupdf
import pytest
from bundle_helpers import MARKER, MEMBERS, People, make_docx, make_pdf, unlock, write_session
from system_tools import missing_tool_message

from paperless.core.bundle import (
    DocumentError,
    ExpiredError,
    NotARecipientError,
    NotPermittedError,
    OutputExistsError,
    RollbackError,
    build_bundle,
    check_rollback,
    extract_bundle,
    inspect_bundle,
    open_bundle,
    verify_bundle,
)
from paperless.core.bundle.convert import find_soffice
from paperless.core.identity import load_card
from paperless.core.session import load_session


def test_container_is_a_plain_stored_zip(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
    assert sorted(names) == sorted([
        "agenda.age", "documents/0001.age", "documents/0002.age", "documents/0003.age",
        "documents/0004.age", "manifest.json", "manifest.json.minisig",
    ])
    with zipfile.ZipFile(bundle) as z:
        manifest = z.read("manifest.json").decode()
    # Nothing confidential in the cleartext manifest.
    assert "Báo cáo" not in manifest and MEMBERS[0] not in manifest and MARKER not in manifest
    assert MARKER.encode() not in bundle.read_bytes()


def test_inspect_needs_no_key(bundle: Path, people: People) -> None:
    facts = inspect_bundle(bundle)
    assert facts.manifest.version == 2
    assert facts.signature_key_id == load_card(people.clerk).public_key.key_id_hex
    assert len(facts.manifest.entries) == 5


def test_verify_checks_signature_and_hashes(bundle: Path, people: People) -> None:
    result = verify_bundle(bundle, [load_card(people.clerk)])
    assert result.signer.name == "Văn phòng Tỉnh ủy"
    seen: list[int] = []
    verify_bundle(bundle, [load_card(people.clerk / "card.toml")], progress=lambda d, t: seen.append(d))
    assert seen and seen[-1] == sum(e.size for e in result.manifest.entries)


def test_member_reads_agenda_and_documents(bundle: Path, people: People) -> None:
    an = unlock(people.member("an"))
    with open_bundle(bundle, an, [load_card(people.clerk)]) as opened:
        assert opened.member == MEMBERS[0]
        assert opened.agenda.title == "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12"
        assert [it.title for it in opened.agenda.items][0] == "Báo cáo kết quả công tác quý IV/2023"
        assert opened.restricted_items() == []
        doc = opened.agenda.items[0].documents[0]
        data = opened.read_document(doc.entry)
        assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == doc.sha256
        with pymupdf.open(stream=data, filetype="pdf") as pdf:
            assert pdf.page_count == doc.pages == 5
            assert MARKER in pdf[0].get_text()
        # Random access: any slice equals the same slice of the whole.
        with opened.open_document(doc.entry) as reader:
            assert reader.size == len(data)
            for start, n in [(0, 10), (65530, 20), (len(data) - 7, 7), (1000, 70000)]:
                assert reader.read_at(start, n) == data[start:start + n]
        secret = opened.agenda.items[2].documents[0]
        assert b"%PDF" == opened.read_document(secret.entry)[:4]


def test_restricted_item_is_locked_for_others(bundle: Path, people: People) -> None:
    binh = unlock(people.member("binh"))
    with open_bundle(bundle, binh, [load_card(people.clerk)]) as opened:
        assert [it.number for it in opened.restricted_items()] == [3]
        entry = opened.agenda.items[2].documents[0].entry
        with pytest.raises(NotPermittedError) as info:
            opened.read_document(entry)
        assert "Công tác cán bộ" in info.value.message("vi")
        # Even bypassing the agenda check, the key cannot decrypt it (it is not a recipient).
        opened.agenda = type(opened.agenda)(**{**opened.agenda.__dict__, "items": tuple(
            type(it)(**{**it.__dict__, "restricted_to": None}) for it in opened.agenda.items)})
        with pytest.raises(NotPermittedError):
            opened.read_document(entry)


def test_outsider_is_not_a_recipient(bundle: Path, people: People) -> None:
    with pytest.raises(NotARecipientError):
        open_bundle(bundle, unlock(people.root / "outsider"), [load_card(people.clerk)])


def test_expired_bundle_shows_agenda_but_refuses_documents(tmp_path: Path, people: People) -> None:
    spec = load_session(write_session(tmp_path, people, expires="2024-02-15T00:00:00+07:00"))
    issued = datetime(2024, 1, 10, tzinfo=timezone(timedelta(hours=7)))
    out = build_bundle(spec, unlock(people.clerk), tmp_path / "b.paperless", now=issued).path
    an = unlock(people.member("an"))
    before = datetime(2024, 2, 1, tzinfo=timezone(timedelta(hours=7)))
    with open_bundle(out, an, [load_card(people.clerk)], now=before) as opened:
        assert not opened.expired
        opened.read_document(opened.agenda.items[0].documents[0].entry)
    with open_bundle(out, an, [load_card(people.clerk)]) as opened:
        assert opened.expired and opened.agenda.title
        with pytest.raises(ExpiredError) as info:
            opened.read_document(opened.agenda.items[0].documents[0].entry)
        assert "2024-02-15" in info.value.message("vi")
        with pytest.raises(ExpiredError):
            extract_bundle(opened, tmp_path / "x")
        assert not (tmp_path / "x").exists()


def test_rollback(bundle: Path, people: People, tmp_path: Path) -> None:
    check_rollback(2, None)
    check_rollback(2, 2)
    with pytest.raises(RollbackError):
        check_rollback(1, 2)
    with pytest.raises(RollbackError):
        open_bundle(bundle, unlock(people.member("an")), [load_card(people.clerk)], highest_seen=3)


def test_extract_writes_only_readable_documents(bundle: Path, people: People, tmp_path: Path) -> None:
    binh = unlock(people.member("binh"))
    with open_bundle(bundle, binh, [load_card(people.clerk)]) as opened:
        result = extract_bundle(opened, tmp_path / "out")
        names = sorted(p.relative_to(tmp_path / "out").as_posix() for p in result.files)
        assert "agenda.json" in names and "agenda.txt" in names
        assert len([n for n in names if n.endswith(".pdf")]) == 3
        assert not any("nhansu" in n for n in names)
        with pytest.raises(OutputExistsError):
            extract_bundle(opened, tmp_path / "out")
    assert "Công tác cán bộ" in (tmp_path / "out" / "agenda.txt").read_text("utf-8")
    assert not list(tmp_path.glob(".out.partial*"))


def test_broken_pdf_is_refused_by_name(tmp_path: Path, people: People) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    broken = docs / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    path = write_session(tmp_path, people, docs={"A": [make_pdf(docs / "a.pdf", "A")], "B": [broken],
                                                 "C": [make_pdf(docs / "c.pdf", "C")]})
    with pytest.raises(DocumentError) as info:
        build_bundle(load_session(path), unlock(people.clerk), tmp_path / "b.paperless")
    assert "hong.pdf" in info.value.message("en")
    assert not (tmp_path / "b.paperless").exists()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_non_convertible_file_is_refused(tmp_path: Path, people: People) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    txt = docs / "ghichu.txt"
    txt.write_text("ghi chú", "utf-8")
    path = write_session(tmp_path, people, docs={"A": [txt], "B": [make_pdf(docs / "b.pdf", "B")],
                                                 "C": [make_pdf(docs / "c.pdf", "C")]})
    with pytest.raises(DocumentError) as info:
        build_bundle(load_session(path), unlock(people.clerk), tmp_path / "b.paperless")
    assert "ghichu.txt" in info.value.message("vi")


def test_interrupted_build_leaves_nothing(tmp_path: Path, people: People) -> None:
    spec = load_session(write_session(tmp_path, people))

    def interrupt(stage: str, done: int, total: int) -> None:
        if stage == "encrypt" and done > 0:
            raise KeyboardInterrupt

    out = tmp_path / "out" / "b.paperless"
    with pytest.raises(KeyboardInterrupt):
        build_bundle(spec, unlock(people.clerk), out, progress=interrupt)
    assert list((tmp_path / "out").iterdir()) == []


def test_only_clerk_may_sign(tmp_path: Path, people: People) -> None:
    spec = load_session(write_session(tmp_path, people))
    with pytest.raises(Exception) as info:
        build_bundle(spec, unlock(people.member("an")), tmp_path / "b.paperless")
    assert "clerk" in str(info.value)


def test_docx_is_converted_to_pdf(tmp_path: Path, people: People) -> None:
    assert find_soffice() is not None, missing_tool_message("soffice")
    docs = tmp_path / "docs"
    docs.mkdir()
    docx = make_docx(docs / "phuluc.docx", f"Phụ lục chuyển đổi số {MARKER}")
    path = write_session(tmp_path, people, docs={"A": [docx], "B": [make_pdf(docs / "b.pdf", "B")],
                                                 "C": [make_pdf(docs / "c.pdf", "C")]})
    out = build_bundle(load_session(path), unlock(people.clerk), tmp_path / "b.paperless").path
    with open_bundle(out, unlock(people.member("cuong")), [load_card(people.clerk)]) as opened:
        doc = opened.agenda.items[0].documents[0]
        assert doc.converted_from == "docx" and doc.filename == "phuluc.pdf"
        with pymupdf.open(stream=opened.read_document(doc.entry), filetype="pdf") as pdf:
            assert "Phụ lục chuyển đổi số" in pdf[0].get_text()


def test_bundle_copy_still_verifies(bundle: Path, people: People, tmp_path: Path) -> None:
    copy = tmp_path / "copy.paperless"
    shutil.copy(bundle, copy)
    assert verify_bundle(copy, [load_card(people.clerk)]).manifest.version == 2


def test_expiry_is_decided_at_every_access_and_never_before_issue(tmp_path: Path, people: People) -> None:
    """Issue 8 §3: a session opened before its expiry stops giving documents once it has passed."""
    spec = load_session(write_session(tmp_path, people, expires="2024-02-15T00:00:00+07:00"))
    tz = timezone(timedelta(hours=7))
    out = build_bundle(spec, unlock(people.clerk), tmp_path / "b.paperless", now=datetime(2024, 1, 10, tzinfo=tz)).path
    times = [datetime(2024, 2, 14, 23, 59, tzinfo=tz)]
    with open_bundle(out, unlock(people.member("an")), [load_card(people.clerk)], clock=lambda: times[0]) as opened:
        entry = opened.agenda.items[0].documents[0].entry
        assert not opened.expired
        opened.read_document(entry)
        times[0] = datetime(2024, 2, 15, 0, 0, tzinfo=tz)  # the app is still running
        assert opened.expired
        with pytest.raises(ExpiredError):
            opened.read_document(entry)
        times[0] = datetime(2023, 1, 1, tzinfo=tz)  # a clock set before the office issued the bundle
        assert opened.now() == datetime(2024, 1, 10, tzinfo=tz) and not opened.expired
