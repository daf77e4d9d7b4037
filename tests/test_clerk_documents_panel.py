"""The clerk's documents panel (issue 13): real files dropped, a real DOCX converted by LibreOffice in
the background, thumbnails and pages drawn by the real render process, edits undone in the workspace."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from docx import Document
from gui_helpers import FakeFiles, make_services
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from system_tools import require_tool

from paperless.core.clerk.documents import CONVERTED_DIR, Status, import_documents
from paperless.core.clerk.draft import ItemDraft, SessionDraft
from paperless.core.clerk.workspace import Workspace
from paperless.core.errors import T
from paperless.gui.app import shutdown
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.document_checks import ClerkDocuments
from paperless.gui.clerk.documents_panel import DocumentsPanel
from paperless.gui.services import AppServices

WAIT = 120_000  # ms: LibreOffice's first start on a busy machine


def make_docx(path: Path, pages: int) -> Path:
    doc = Document()
    for page in range(pages):
        doc.add_heading(f"Phần {page + 1}: báo cáo kết quả công tác", 1)
        doc.add_paragraph("Nội dung của dự thảo được trình bày tại phiên họp. " * 5)
        if page < pages - 1:
            doc.add_page_break()
    doc.save(str(path))
    return path


def make_pdf(path: Path, pages: int, text: str = "Tài liệu") -> Path:
    doc = pymupdf.open()
    for page in range(pages):
        p = doc.new_page()
        p.insert_text((72, 100), f"{text} {page + 1}", fontsize=28)
        p.draw_rect(pymupdf.Rect(72, 140, 300, 400), color=(0, 0, 0), fill=(0.2, 0.3, 0.6))
    doc.save(str(path))
    doc.close()
    return path


def make_locked_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "Mật")
    doc.save(str(path), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="matkhau", owner_pw="chu")
    doc.close()
    return path


@dataclass
class Env:
    services: AppServices
    files: FakeFiles
    folder: Path
    incoming: Path
    workspace: Workspace
    controller: WorkspaceController
    documents: ClerkDocuments

    def panel(self, qtbot, item: int = 0) -> DocumentsPanel:  # type: ignore[no-untyped-def]
        panel = DocumentsPanel(self.controller, item, self.documents, self.files, lambda: self.services.language)
        qtbot.addWidget(panel)
        panel.resize(1100, 620)
        panel.show()
        return panel


def _env(qtbot, tmp_path: Path, language: str) -> Iterator[Env]:  # type: ignore[no-untyped-def]
    files = FakeFiles()
    services = make_services(tmp_path / "home", files, language=language)
    folder = tmp_path / "phien-12"
    folder.mkdir()
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    workspace = Workspace(SessionDraft(folder=folder, items=[ItemDraft(title="Báo cáo quý IV"),
                                                             ItemDraft(title="Dự thảo nghị quyết")]))
    controller = WorkspaceController(workspace, services.tasks)
    documents = ClerkDocuments(services.tasks, services.worker)
    try:
        yield Env(services, files, folder, incoming, workspace, controller, documents)
    finally:
        qtbot.waitUntil(lambda: not services.tasks.busy, timeout=WAIT)
        shutdown(services)


@pytest.fixture
def env(qtbot, tmp_path: Path) -> Iterator[Env]:  # type: ignore[no-untyped-def]
    yield from _env(qtbot, tmp_path, "en")


@pytest.fixture
def env_vi(qtbot, tmp_path: Path) -> Iterator[Env]:  # type: ignore[no-untyped-def]
    yield from _env(qtbot, tmp_path, "vi")


def drop(panel: DocumentsPanel, paths: list[Path]) -> None:
    """Files dragged from the file manager and let go over the list."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = panel.list.viewport()
    pos = target.rect().center()
    enter = QDragEnterEvent(QPoint(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()


def docs(env: Env, item: int = 0) -> list[str]:
    return list(env.workspace.draft.items[item].documents)


def settled(panel: DocumentsPanel, count: int) -> bool:
    states = panel.states()
    return len(states) == count and all(s is not None and s.status in (Status.READY, Status.FAILED) for s in states)


def wait_settled(qtbot, panel: DocumentsPanel, count: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: settled(panel, count), timeout=WAIT)


def not_blank(image: QImage) -> bool:
    """Mostly paper, with some ink on it."""
    light = [image.pixelColor(x, y).lightness() for x in range(image.width()) for y in range(image.height())]
    inked = sum(1 for v in light if v < 220)
    return 0 < inked < len(light) // 2 and max(light) > 240


def test_a_docx_and_a_pdf_dropped_are_added_at_once_and_the_docx_converted_in_the_background(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    require_tool("soffice")
    docx = make_docx(env.incoming / "bao-cao.docx", 3)
    pdf = make_pdf(env.incoming / "phu-luc.pdf", 2)
    panel = env.panel(qtbot)
    seen: list[str] = []
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: (ticks.append(1), seen.append(panel.row_text(0))))
    timer.start()

    drop(panel, [docx, pdf])
    qtbot.waitUntil(lambda: len(docs(env)) == 2, timeout=WAIT)
    assert docs(env) == ["documents/bao-cao.docx", "documents/phu-luc.pdf"]
    assert (env.folder / "documents" / "bao-cao.docx").read_bytes() == docx.read_bytes()  # copied, not moved
    assert docx.exists() and pdf.exists()
    assert env.workspace.undo_label() is not None and env.workspace.undo_label().en == "add 2 documents"
    ticks.clear()
    wait_settled(qtbot, panel, 2)
    timer.stop()

    # the window kept running while LibreOffice worked, and the row said so
    assert any("Converting to PDF…" in text or "Waiting to be converted" in text for text in seen)
    assert len(ticks) >= 10
    states = panel.states()
    assert [s.status for s in states if s is not None] == [Status.READY, Status.READY]
    assert [s.pages for s in states if s is not None] == [3, 2]
    assert panel.row_text(0) == "1. bao-cao.docx\n3 pages · members see it as “bao-cao”"
    assert panel.row_text(1) == "2. phu-luc.pdf\n2 pages · members see it as “phu-luc”"
    converted = list((env.folder / CONVERTED_DIR).glob("*.pdf"))
    assert len(converted) == 1 and states[0] is not None and states[0].pdf == converted[0]
    with pymupdf.open(converted[0]) as made:
        assert made.page_count == 3 and "báo cáo kết quả" in made[0].get_text()

    # thumbnails of the first pages, drawn by the render process
    keys = panel._keys
    qtbot.waitUntil(lambda: all(k is not None and env.documents.thumbnail(k) is not None for k in keys), timeout=WAIT)
    for key in keys:
        assert key is not None
        thumb = env.documents.thumbnail(key)
        assert thumb is not None and thumb.width() > 20 and not_blank(thumb)

    # the preview: the selected document, a page at a time, Page Down / Page Up
    panel.list.setCurrentRow(1)
    panel.list.setFocus()
    qtbot.waitUntil(lambda: panel.preview.page_count() == 2 and not panel.preview.pixmap().isNull(), timeout=WAIT)
    assert panel.preview.where.text() == "Page 1 of 2"
    assert not_blank(panel.preview.pixmap().toImage())
    qtbot.keyClick(panel.list, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: panel.preview.page() == 1, timeout=WAIT)
    assert panel.preview.where.text() == "Page 2 of 2"
    qtbot.keyClick(panel.list, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: panel.preview.page() == 0, timeout=WAIT)

    # the same content elsewhere is not converted again: the cache is by content
    other = env.panel(qtbot, 1)
    again = make_docx(env.incoming / "ban-sao.docx", 3)
    again.write_bytes(docx.read_bytes())
    other.add_files([again])
    qtbot.waitUntil(lambda: len(docs(env, 1)) == 1, timeout=WAIT)
    wait_settled(qtbot, other, 1)
    assert len(list((env.folder / CONVERTED_DIR).glob("*.pdf"))) == 1
    assert other.states()[0] is not None and other.states()[0].pages == 3  # type: ignore[union-attr]

    # one step: undo takes both away, redo brings them back
    env.workspace.undo()
    env.workspace.undo()
    qtbot.waitUntil(lambda: panel.list.count() == 0)
    assert docs(env) == []
    env.workspace.redo()
    qtbot.waitUntil(lambda: panel.list.count() == 2)
    assert panel.row_text(0) == "1. bao-cao.docx\n3 pages · members see it as “bao-cao”"  # known: not checked again


def test_broken_locked_and_unconvertible_files_are_marked_with_a_clear_message(qtbot, env_vi: Env) -> None:  # type: ignore[no-untyped-def]
    require_tool("soffice")
    env = env_vi
    broken = env.incoming / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    locked = make_locked_pdf(env.incoming / "co-mat-khau.pdf")
    junk = env.incoming / "rac.docx"
    junk.write_bytes(b"PK\x03\x04" + b"\x00not a document" * 40)
    panel = env.panel(qtbot)
    for path in (broken, locked, junk):  # "Add…" a file at a time
        env.files.open_answers.append(path)
        panel.add_button.click()
        qtbot.waitUntil(lambda path=path: Path(docs(env)[-1]).name == path.name if docs(env) else False,
                        timeout=WAIT)
    wait_settled(qtbot, panel, 3)

    texts = [panel.row_text(row) for row in range(3)]
    assert texts[0] == "1. hong.pdf\nKhông dùng được: tệp PDF bị hỏng, không đọc được"
    assert texts[1] == ("2. co-mat-khau.pdf\nKhông dùng được: tệp PDF có mật khẩu; "
                        "hãy lưu một bản không có mật khẩu rồi thêm bản đó")
    assert texts[2] == "3. rac.docx\nKhông dùng được: LibreOffice không chuyển được sang PDF; tệp có bị hỏng không?"
    for row in range(3):
        assert "\n" not in texts[row].split("\n", 1)[1]  # one line each
    assert [s.status for s in panel.states() if s is not None] == [Status.FAILED] * 3
    assert list((env.folder / CONVERTED_DIR).glob("*.pdf")) == []  # nothing half-converted kept
    assert [p.name for p in (env.folder / CONVERTED_DIR).iterdir()] == []
    # a failed file offers Try again and Replace; the preview says why instead of a page
    panel.list.setCurrentRow(1)
    assert panel.retry_button.isVisibleTo(panel) and panel.replace_button.isEnabled()
    assert panel.preview.image.text() == ("Không thể dùng tài liệu co-mat-khau.pdf: tệp PDF có mật khẩu; "
                                          "hãy lưu một bản không có mật khẩu rồi thêm bản đó")
    assert panel.list.item(1).toolTip().endswith(panel.preview.image.text())
    assert panel.states()[1] is not None
    err = panel.states()[1].error  # type: ignore[union-attr]
    assert err is not None and err.message("en") == ("The document co-mat-khau.pdf cannot be used: the PDF is "
                                                      "protected by a password; save a copy without the password "
                                                      "and add that")

    # a kind of file that cannot be used is not added at all
    text = env.incoming / "ghi-chu.txt"
    text.write_text("ghi chú", "utf-8")
    drop(panel, [text])
    assert panel.message.isVisibleTo(panel) and "ghi-chu.txt" in panel.message.text()
    assert len(docs(env)) == 3


def test_replace_keeps_the_place_and_remove_is_undone(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    first, second, third = (make_pdf(env.incoming / f"{n}.pdf", pages, n) for n, pages in
                            (("to-trinh", 1), ("du-thao", 2), ("bao-cao", 3)))
    panel = env.panel(qtbot)
    drop(panel, [first, second, third])
    qtbot.waitUntil(lambda: len(docs(env)) == 3, timeout=WAIT)
    wait_settled(qtbot, panel, 3)

    new = make_pdf(env.incoming / "du-thao-lan-2.pdf", 4, "lần 2")
    panel.list.setCurrentRow(1)
    env.files.open_answers.append(new)
    panel.replace_button.click()
    qtbot.waitUntil(lambda: docs(env)[1] == "documents/du-thao-lan-2.pdf", timeout=WAIT)
    assert docs(env) == ["documents/to-trinh.pdf", "documents/du-thao-lan-2.pdf", "documents/bao-cao.pdf"]
    wait_settled(qtbot, panel, 3)
    assert panel.row_text(1) == "2. du-thao-lan-2.pdf\n4 pages · members see it as “du-thao-lan-2”"
    assert (env.folder / "documents" / "du-thao.pdf").exists()  # kept on disk: undo needs it
    env.workspace.undo()
    assert docs(env)[1] == "documents/du-thao.pdf"
    env.workspace.redo()

    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert docs(env) == ["documents/du-thao-lan-2.pdf", "documents/bao-cao.pdf"]
    assert env.workspace.undo_label() is not None
    assert env.workspace.undo_label().en == "remove the document to-trinh.pdf"  # type: ignore[union-attr]
    assert panel.list.count() == 2 and panel.row_text(0) == "1. du-thao-lan-2.pdf\n4 pages · members see it as “du-thao-lan-2”"
    env.workspace.undo()
    assert docs(env)[0] == "documents/to-trinh.pdf"
    assert panel.row_text(0) == "1. to-trinh.pdf\n1 page · members see it as “to-trinh”"

    # a second file of the same name is copied under a new one: nothing is overwritten
    other = env.incoming / "khac"
    other.mkdir()
    clash = make_pdf(other / "to-trinh.pdf", 2, "khác")
    drop(panel, [clash])
    qtbot.waitUntil(lambda: len(docs(env)) == 4, timeout=WAIT)
    assert docs(env)[3] == "documents/to-trinh (2).pdf"
    assert (env.folder / "documents" / "to-trinh.pdf").read_bytes() == first.read_bytes()


def test_reorder_with_the_keyboard_and_by_dragging(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    names = ["a", "b", "c"]
    panel = env.panel(qtbot)
    panel.add_files([make_pdf(env.incoming / f"{n}.pdf", 1, n) for n in names])
    qtbot.waitUntil(lambda: len(docs(env)) == 3, timeout=WAIT)
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert docs(env) == ["documents/b.pdf", "documents/a.pdf", "documents/c.pdf"]
    assert panel.list.currentRow() == 1
    qtbot.keyClick(panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert docs(env) == ["documents/b.pdf", "documents/c.pdf", "documents/a.pdf"]
    qtbot.keyClick(panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # already last
    assert docs(env) == ["documents/b.pdf", "documents/c.pdf", "documents/a.pdf"]
    qtbot.keyClick(panel.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert docs(env) == ["documents/b.pdf", "documents/a.pdf", "documents/c.pdf"]
    env.workspace.undo()
    env.workspace.undo()
    env.workspace.undo()
    assert docs(env) == ["documents/a.pdf", "documents/b.pdf", "documents/c.pdf"]
    assert [panel.row_text(r).split("\n")[0] for r in range(3)] == ["1. a.pdf", "2. b.pdf", "3. c.pdf"]

    # what a drag inside the list does (the row is moved by Qt, the draft follows in one step)
    panel.list.reordered.emit([2, 0, 1])
    qtbot.waitUntil(lambda: docs(env)[0] == "documents/c.pdf")
    assert docs(env) == ["documents/c.pdf", "documents/a.pdf", "documents/b.pdf"]


def test_import_never_overwrites_and_refuses_other_kinds(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    src = tmp_path / "in"
    src.mkdir()
    a = make_pdf(src / "a.pdf", 1)
    assert import_documents([a, a, a], folder) == ["documents/a.pdf", "documents/a (2).pdf", "documents/a (3).pdf"]
    inside = folder / "docs" / "x.pdf"
    inside.parent.mkdir()
    make_pdf(inside, 1)
    assert import_documents([inside], folder) == ["docs/x.pdf"]  # already in the session: used where it is
    (src / "b.txt").write_text("x")
    from paperless.core.bundle.errors import DocumentError

    with pytest.raises(DocumentError) as info:
        import_documents([a, src / "b.txt"], folder)
    assert info.value.message("vi") == "Không thể dùng tài liệu b.txt: chỉ dùng được tài liệu PDF, DOCX, DOC, ODT và RTF"
    assert sorted(p.name for p in (folder / "documents").iterdir()) == ["a (2).pdf", "a (3).pdf", "a.pdf"]


def test_a_language_switch_redraws_the_rows_and_other_edits_leave_them(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    panel = env.panel(qtbot)
    locked = make_locked_pdf(env.incoming / "khoa.pdf")
    panel.add_files([make_pdf(env.incoming / "a.pdf", 2), locked])
    qtbot.waitUntil(lambda: len(docs(env)) == 2, timeout=WAIT)
    wait_settled(qtbot, panel, 2)
    assert panel.row_text(0) == "1. a.pdf\n2 pages · members see it as “a”"
    first = panel.list.item(0)

    def retitle(draft: SessionDraft) -> None:
        draft.title = "Phiên họp thứ 12"

    env.controller.edit(T("rename", "đổi tên"), retitle, ("session", "title"))
    assert panel.list.item(0) is first  # not rebuilt for an edit elsewhere

    env.services.translators.install("vi")
    qtbot.waitUntil(lambda: panel.row_text(0) == "1. a.pdf\n2 trang · thành viên thấy tên “a”")
    assert panel.row_text(1) == ("2. khoa.pdf\nKhông dùng được: tệp PDF có mật khẩu; "
                                 "hãy lưu một bản không có mật khẩu rồi thêm bản đó")
    assert panel.add_button.text() == "Thêm tài liệ&u…"
    env.services.translators.install("en")
    qtbot.waitUntil(lambda: panel.row_text(0) == "1. a.pdf\n2 pages · members see it as “a”")

    # the item is gone (removed on the agenda page): the panel shows nothing and does nothing
    def drop_items(draft: SessionDraft) -> None:
        draft.items.clear()

    env.controller.edit(T("remove items", "bỏ nội dung"), drop_items, ("items",))
    assert panel.list.count() == 0 and not panel.isEnabled()


def test_a_scan_dropped_is_read_in_the_background_and_its_row_counts_the_pages(qtbot, env_vi: Env) -> None:  # type: ignore[no-untyped-def]
    from paperless.demo.scan import scan_text

    require_tool("tesseract")
    scan = scan_text(env_vi.incoming / "cong-van.pdf", ["Nghị quyết về công tác chuyển đổi số năm 2025."])
    panel = env_vi.panel(qtbot)
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: seen.append(panel.row_text(0)))
    timer.start()
    drop(panel, [scan])
    wait_settled(qtbot, panel, 1)
    timer.stop()
    assert any("Đang đọc các trang scan (0/1)…" in text for text in seen), seen  # in Vietnamese, per page
    state = panel.states()[0]
    assert state is not None and state.status is Status.READY and state.pdf is not None
    assert state.pdf.parent.name == CONVERTED_DIR and not panel.busy()
    with pymupdf.open(state.pdf) as doc:
        assert "chuyển đổi số" in " ".join(doc[0].get_text().split())
