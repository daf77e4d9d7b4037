"""The notification of a fetched session (docs/distribution-protocol.md): what changed between two
agendas, counted over the documents the member may read, in English and Vietnamese."""

from __future__ import annotations

from datetime import UTC, datetime

from paperless.core.bundle.manifest import Agenda, AgendaDocument, AgendaItem
from paperless.core.distribution.client import Changes, Fetched, compare


def _doc(title: str, sha: str) -> AgendaDocument:
    return AgendaDocument(f"documents/{sha[:4]}.age", title, f"{title}.pdf", 1, 10, sha * 16, None)


def _agenda(items: list[tuple[str, list[AgendaDocument], tuple[str, ...] | None]]) -> Agenda:
    return Agenda("s", 1, "Phiên thứ 15", datetime(2026, 12, 20, tzinfo=UTC), "Phòng 1", None, (), True, False,
                  False, tuple(AgendaItem(i + 1, t, "VP", r, tuple(d)) for i, (t, d, r) in enumerate(items)))


def test_changes_count_changed_added_and_removed_documents_the_member_may_read() -> None:
    old = _agenda([("Báo cáo", [_doc("Báo cáo quý IV", "aaaa"), _doc("Phụ lục", "bbbb")], None),
                   ("Kế hoạch", [_doc("Dự thảo", "cccc")], None),
                   ("Nhân sự", [_doc("Đề án", "dddd")], ("Nguyễn Văn An",))])
    new = _agenda([("Báo cáo", [_doc("Báo cáo quý IV (sửa)", "eeee"), _doc("Phụ lục", "bbbb")], None),
                   ("Kế hoạch", [], None),
                   ("Tờ trình", [_doc("Tờ trình mới", "ffff")], None),
                   ("Nhân sự", [_doc("Đề án (sửa)", "9999")], ("Nguyễn Văn An",))])
    binh = compare(old, new, "Trần Thị Bình")
    assert binh == Changes(changed=("Báo cáo quý IV (sửa)",), added=("Tờ trình mới",), removed=("Dự thảo",))
    an = compare(old, new, "Nguyễn Văn An")  # the restricted item counts for the member it is for
    assert an.changed == ("Báo cáo quý IV (sửa)", "Đề án (sửa)")
    assert compare(None, new, "Trần Thị Bình").added == ("Báo cáo quý IV (sửa)", "Phụ lục", "Tờ trình mới")


def test_the_notice_in_both_languages() -> None:
    new = Fetched("s", 1, "Phiên thứ 15", True).notice
    assert (new.en, new.vi) == ("New session: Phiên thứ 15", "Phiên họp mới: Phiên thứ 15")
    v2 = Fetched("s", 2, "Phiên thứ 15", False, Changes(("a", "b", "c"), ("d",), ())).notice
    assert v2.en == "Version 2 of Phiên thứ 15 — 3 documents changed, 1 added"
    assert v2.vi == "Phiên bản 2 của Phiên thứ 15 — 3 tài liệu thay đổi, 1 tài liệu mới"
    one = Fetched("s", 3, "P", False, Changes(("a",), (), ("x",))).notice
    assert one.en == "Version 3 of P — 1 document changed, 1 removed"
    assert one.vi == "Phiên bản 3 của P — 1 tài liệu thay đổi, 1 tài liệu bị bỏ"
    same = Fetched("s", 4, "P", False).notice
    assert (same.en, same.vi) == ("Version 4 of P — no document changed",
                                  "Phiên bản 4 của P — không có tài liệu nào thay đổi")
