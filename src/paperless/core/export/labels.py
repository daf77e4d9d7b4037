"""The words of the notes summary, in Vietnamese and English."""

from __future__ import annotations

from dataclasses import dataclass

from paperless.core.notes.records import AnnotationKind


@dataclass(frozen=True)
class Labels:
    title: str
    when: str
    place: str
    member: str
    presenter: str
    item_note: str
    no_notes: str
    document: str
    page: str
    pages_count: str  # "{n} pages"
    bookmarks: str
    comment: str
    others: str
    other_item: str  # "{n}": an item note whose agenda item is gone
    other_document: str
    footer: str  # "{n}" and "{total}"
    kinds: dict[AnnotationKind, str]
    date_format: str


VI = Labels(
    title="Ghi chú của tôi",
    when="Thời gian",
    place="Địa điểm",
    member="Thành viên",
    presenter="Người trình bày",
    item_note="Ghi chú riêng",
    no_notes="Không có ghi chú.",
    document="Tài liệu",
    page="Trang",
    pages_count="{n} trang",
    bookmarks="Dấu trang",
    comment="Ý kiến",
    others="Ghi chú không gắn với chương trình hiện tại",
    other_item="Mục {n} (không còn trong chương trình)",
    other_document="Tài liệu không còn trong chương trình (mã {code})",
    footer="Trang {n}/{total}",
    kinds={
        AnnotationKind.HIGHLIGHT: "Tô sáng",
        AnnotationKind.UNDERLINE: "Gạch chân",
        AnnotationKind.STRIKEOUT: "Gạch ngang",
        AnnotationKind.INK: "Nét vẽ",
        AnnotationKind.NOTE: "Ghi chú dán",
        AnnotationKind.TEXTBOX: "Hộp văn bản",
    },
    date_format="%d/%m/%Y %H:%M",
)

EN = Labels(
    title="My notes",
    when="Date",
    place="Place",
    member="Member",
    presenter="Presented by",
    item_note="Private note",
    no_notes="No notes.",
    document="Document",
    page="Page",
    pages_count="{n} pages",
    bookmarks="Bookmarks",
    comment="Comment",
    others="Notes not attached to the current agenda",
    other_item="Item {n} (no longer on the agenda)",
    other_document="Document no longer on the agenda (key {code})",
    footer="Page {n} of {total}",
    kinds={
        AnnotationKind.HIGHLIGHT: "Highlight",
        AnnotationKind.UNDERLINE: "Underline",
        AnnotationKind.STRIKEOUT: "Strike-out",
        AnnotationKind.INK: "Drawing",
        AnnotationKind.NOTE: "Note",
        AnnotationKind.TEXTBOX: "Text box",
    },
    date_format="%Y-%m-%d %H:%M",
)


def labels_for(language: str) -> Labels:
    """Vietnamese for ``"vi"`` (and ``"vi_VN"`` etc.), English otherwise."""
    return VI if language.lower().startswith("vi") else EN
