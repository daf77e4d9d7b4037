"""The interface translations: complete, faithful placeholders, up to date, and live switching."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, ensure_translations, harnesses

from paperless.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = resource_path("translations")
PLACEHOLDER = re.compile(r"%(?:\d|n)|\{[A-Za-z_][A-Za-z0-9_]*\}")


def _messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context") for m in ctx.iter("message")]


def _texts(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    assert tr is not None
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [tr.text or ""]


def test_both_languages_exist() -> None:
    assert sorted(p.name for p in TRANSLATIONS.glob("*.ts")) == ["paperless_en.ts", "paperless_vi.ts",
                                                                  "qt_extra_vi.ts"]


@pytest.mark.parametrize("name", ["paperless_vi.ts", "qt_extra_vi.ts"])
def test_vietnamese_is_complete_and_keeps_placeholders(name: str) -> None:
    messages = _messages(TRANSLATIONS / name)
    assert len(messages) > (150 if name.startswith("paperless") else 5)
    problems = []
    for context, m in messages:
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None
        where = f"{context}: {source!r}"
        if tr.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {tr.get('type')}")
        for text in _texts(m):
            if not text.strip():
                problems.append(f"{where} has no translation")
            if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(text))):
                problems.append(f"{where}: placeholders differ in {text!r}")
            if ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
                problems.append(f"{where}: keyboard accelerator (&) missing or extra in {text!r}")
    assert problems == []


def test_vietnamese_has_diacritics_where_expected() -> None:
    texts = {(c, m.findtext("source")): _texts(m)[0] for c, m in _messages(TRANSLATIONS / "paperless_vi.ts")}
    assert texts[("Actions", "Zoom &in")] == "&Phóng to"
    assert texts[("Actions", "&Night reading mode")] == "Chế độ đọc &ban đêm"
    assert texts[("AgendaPanel", "Agenda")] == "Chương trình hội nghị"
    assert texts[("UnlockDialog", "&Passphrase:")] == "&Mật khẩu:"
    assert "Dấu vân tay".lower() in texts[("UnlockDialog", "Identity: %1\nFingerprint: %2")].lower()


def test_english_is_marked_finished() -> None:
    for context, m in _messages(TRANSLATIONS / "paperless_en.ts"):
        tr = m.find("translation")
        assert tr is not None and tr.get("type") is None, f"{context}: {m.findtext('source')!r}"


def test_translation_files_are_up_to_date(tmp_path: Path) -> None:
    """Every string the interface can show (all of gui, viewer and search included) is in the .ts."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lupdate")
    assert lupdate is not None, "pyside6-lupdate (PySide6, in the venv) is missing: make clean && make test"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "src" / "paperless" / "gui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-no-obsolete", "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {(c, m.findtext("source")) for c, m in _messages(fresh)}
    for name in ("paperless_vi.ts", "paperless_en.ts"):
        have = {(c, m.findtext("source")) for c, m in _messages(TRANSLATIONS / name)}
        assert sorted(wanted - have) == [], f"{name} needs `pyside6-lupdate` (then translate the new strings)"


@OFFSCREEN_NOISE
def test_menus_in_vietnamese_and_live_switch(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_translations()
    with harnesses(qtbot, tmp_path) as make:
        h = make(language="vi")
        w = h.window
        titles = [m.title() for m in (w.actions_.file_menu, w.actions_.view_menu, w.actions_.language_menu,
                                      w.actions_.help_menu)]
        assert titles == ["&Tệp", "&Xem", "&Ngôn ngữ", "Trợ &giúp"]
        assert w.actions_.zoom_in.text() == "&Phóng to" and w.actions_.full_screen.text() == "Toàn &màn hình"
        assert w.agenda._heading.text() == "Chương trình hội nghị"
        assert w.library_view.heading.text() == "Các phiên họp trên máy này"
        assert w.actions_.lang_vi.isChecked()

        w.actions_.lang_en.trigger()  # live, no restart
        qtbot.waitUntil(lambda: w.actions_.file_menu.title() == "&File")
        assert w.agenda._heading.text() == "Agenda"
        assert w.library_view.heading.text() == "Sessions on this computer"
        assert h.services.settings.language == "en" and h.services.language == "en"
        w.switch_language("vi")
        qtbot.waitUntil(lambda: w.actions_.view_menu.title() == "&Xem")
        assert w.reader.find_bar.find_action.text() == "Tìm trong tài liệu"
        from PySide6.QtWidgets import QLineEdit

        edit = QLineEdit("chữ")
        menu = edit.createStandardContextMenu()
        assert menu is not None
        assert any(a.text().startswith("Chọn tất cả") for a in menu.actions())  # Qt's own words too


@OFFSCREEN_NOISE
def test_an_annotations_menu_is_in_vietnamese(qtbot, tmp_path: Path, people) -> None:  # type: ignore[no-untyped-def]
    """Its texts went through a wrapper pyside6-lupdate could not see: they stayed English."""
    from bundle_helpers import unlock
    from notes_content import DOC, markup, note

    from paperless.core.notes import AnnotationKind, NotesStore
    from paperless.gui.annotations.toolbar import AnnotationToolBar
    from paperless.gui.viewer.annotation_menu import AnnotationMenu

    ensure_translations()
    with harnesses(qtbot, tmp_path) as make:
        make(language="vi")
        with NotesStore.open(tmp_path / "notes", unlock(people.member("an"))) as store:
            marked = store.add_annotation("s", DOC, 0, AnnotationKind.HIGHLIGHT, "#ffd400", markup("Điều 1"))
            sticky = store.add_annotation("s", DOC, 0, AnnotationKind.NOTE, "#ffd400", note("Ghi chú"))
        names = AnnotationToolBar().color_names()
        menu = AnnotationMenu(marked, names, None)
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert texts == ["Màu", "Thêm ý kiến…", "Xóa"]
        assert "Vàng" in [a.text() for a in menu.actions()[0].menu().actions()]
        menu = AnnotationMenu(sticky, names, None)
        assert "Sửa nội dung…" in [a.text() for a in menu.actions()]
