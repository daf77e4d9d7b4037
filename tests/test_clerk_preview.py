"""Preview as a member and build / check / copy from the clerk's draft (Qt-free, real files and keys)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from bundle_helpers import MEMBERS, People, make_docx, unlock, write_session
from system_tools import require_tool

from paperless.core.bundle import verify_bundle
from paperless.core.bundle.opened import OpenedBundle
from paperless.core.bundle.reader import open_bundle
from paperless.core.clerk.draft import SessionDraft
from paperless.core.clerk.preview import LOCKED_TEXT, NoSuchMemberError, prepare_preview
from paperless.core.clerk.publishing import (
    BuildCancelledError,
    CopyCancelledError,
    DraftNotReadyError,
    build_checked,
    bundle_name,
    save_copy,
    spec_of,
)
from paperless.core.errors import PaperlessError
from paperless.core.identity import load_card

TODAY = date(2024, 1, 10)


@pytest.fixture
def draft(tmp_path: Path, people: People) -> SessionDraft:
    d = SessionDraft.load(write_session(tmp_path, people))
    d.policy.watermark = True
    return d


def test_preview_as_a_member_locks_restricted_items_and_names_the_watermark(draft: SessionDraft) -> None:
    prepared = prepare_preview(draft)
    try:
        binh = prepared.as_member(MEMBERS[1], TODAY)
        assert [i.number for i in binh.locked_items()] == [3]
        locked = [d for d in binh.documents() if not d.readable]
        assert [d.title for d in locked] == ["Đề án nhân sự MẬT"] and locked[0].watermark is None
        with pytest.raises(PaperlessError) as info:
            binh.read(locked[0].entry)
        assert LOCKED_TEXT.vi in info.value.message("vi")
        readable = binh.readable()
        assert len(readable) == 3
        assert readable[0].watermark == f"{MEMBERS[1]} · Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12 · 10/01/2024"
        assert binh.read(readable[0].entry).startswith(b"%PDF")
        an = prepared.as_member(MEMBERS[0], TODAY)
        assert an.locked_items() == [] and len(an.readable()) == 4
        with pytest.raises(NoSuchMemberError):
            prepared.as_member("Người ngoài", TODAY)
    finally:
        prepared.close()
    assert not prepared.work.exists()


def test_the_preview_agenda_is_the_one_the_bundle_carries(draft: SessionDraft, people: People) -> None:
    """The same items, documents (titles, pages, hashes) and restrictions a member decrypts."""
    prepared = prepare_preview(draft, version=1)
    report = build_checked(draft, unlock(people.clerk), 1)
    opened: OpenedBundle = open_bundle(report.path, unlock(people.member("binh")), [load_card(people.clerk)])
    try:
        assert opened.agenda.items == prepared.agenda.items
        assert opened.agenda.members == prepared.agenda.members
    finally:
        opened.close()
        prepared.close()


def test_classified_item_always_watermarked_and_office_files_converted(draft: SessionDraft) -> None:
    require_tool("soffice")
    draft.policy.watermark = False
    make_docx(draft.folder / "docs" / "totrinh.docx", "Tờ trình về công tác cán bộ")
    draft.items[2].documents.append("docs/totrinh.docx")
    draft.items[2].level = "toi_mat"
    prepared = prepare_preview(draft)
    try:
        an = prepared.as_member(MEMBERS[0], TODAY)
        docs = an.documents()
        assert docs[0].watermark is None  # the office asked for none
        assert docs[-1].title and docs[-1].watermark is not None and docs[-1].watermark.startswith("TỐI MẬT · ")
        assert an.read(docs[-1].entry).startswith(b"%PDF")
    finally:
        prepared.close()


def test_a_draft_with_problems_is_not_built(draft: SessionDraft, people: People) -> None:
    draft.items[0].documents.append("docs/khong-co.pdf")
    with pytest.raises(DraftNotReadyError) as info:
        spec_of(draft)
    assert "khong-co.pdf" in info.value.message("en") and "chưa sẵn sàng" in info.value.message("vi")
    assert not (draft.folder / "bundles").exists()


def test_build_checked_verifies_and_reports(draft: SessionDraft, people: People) -> None:
    stages: list[str] = []
    report = build_checked(draft, unlock(people.clerk), 2, progress=lambda s, d, t: stages.append(s))
    assert report.path == bundle_name(draft, spec_of(draft), 2) and report.path.is_file()
    assert {"prepare", "encrypt", "verify"} <= set(stages)
    assert report.summary().en == "Signed by Văn phòng Tỉnh ủy, 4 documents, 3 items, version 2"
    assert report.summary().vi == "Ký bởi Văn phòng Tỉnh ủy, 4 tài liệu, 3 nội dung, phiên bản 2"
    assert verify_bundle(report.path, [load_card(people.clerk)]).manifest.version == 2
    assert report.snapshot[0].documents[0].title == "Báo cáo quý IV ZEBRA-MARKER-7f3a"


def test_a_cancelled_build_leaves_no_file(draft: SessionDraft, people: People) -> None:
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "encrypt" and done > 0:
            cancel.set()

    with pytest.raises(BuildCancelledError):
        build_checked(draft, unlock(people.clerk), 1, progress=progress, cancel=cancel)
    bundles = draft.folder / "bundles"
    assert list(bundles.iterdir()) == []  # not even a partial file


def test_a_member_cannot_sign(draft: SessionDraft, people: People) -> None:
    with pytest.raises(PaperlessError) as info:
        build_checked(draft, unlock(people.member("an")), 1)
    assert "văn thư" in info.value.message("vi")
    assert not any((draft.folder / "bundles").glob("*")) if (draft.folder / "bundles").exists() else True


def test_save_copy_whole_or_nothing(draft: SessionDraft, people: People, tmp_path: Path) -> None:
    report = build_checked(draft, unlock(people.clerk), 1)
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = save_copy(report.path, stick / "phien-12.paperless")
    assert copy.read_bytes() == report.path.read_bytes()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CopyCancelledError):
        save_copy(report.path, stick / "other.paperless", cancel=cancel)
    assert sorted(p.name for p in stick.iterdir()) == ["phien-12.paperless"]
    with pytest.raises(PaperlessError) as info:
        save_copy(report.path, tmp_path / "missing-folder" / "x.paperless")
    assert "missing-folder" in info.value.message("en")
