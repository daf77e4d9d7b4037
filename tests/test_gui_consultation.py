"""Issue 12 in the app: a comment on a selected passage (editor prefilled with the passage and its
place), the comments panel's states, amend, withdraw, agree, a poll answered and replaced, late
marking, the reminder banner; screenshots in Vietnamese (/tmp/shots-gui12/)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymupdf
import pytest
import shiboken6
from bundle_helpers import FONT, People, make_pdf, unlock, write_session
from gui_helpers import Harness, harnesses, open_message_boxes
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot

from paperless.core.bundle import build_bundle
from paperless.core.consultation.book import DRAFT, RECEIVED, SENT
from paperless.core.consultation.envelope import Comment, CommentKind
from paperless.core.session import load_session
from paperless.gui.consultation.widgets import CommentEditor, PollForm

SHOTS = Path("/tmp/shots-gui12")
PLAN = "Dự thảo Kế hoạch chuyển đổi số"
SOON = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%d")
POLLS = f'''
[[polls]]
id = "phieu-1"
title = "Phiếu lấy ý kiến về thời điểm tổ chức Hội nghị"
due = {SOON}

[[polls.questions]]
text = "Đồng chí có đồng ý tổ chức Hội nghị vào tháng 3?"

[[polls.questions]]
text = "Đề xuất khác của đồng chí"
choices = []
'''
LINES = [(80, "DỰ THẢO"), (120, "Điều 1. Phạm vi điều chỉnh"), (150, "Kế hoạch này quy định việc chuyển đổi số."),
         (190, "Điều 2. Mục tiêu"), (220, "1. Đến năm 2025, toàn bộ văn bản được số hoá."),
         (250, "2. Đến năm 2030, mọi cuộc họp không dùng giấy.")]


def _draft(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    for y, text in LINES:
        page.insert_text((72, y), text, fontfile=FONT, fontname="noto", fontsize=13)
    doc.new_page().insert_text((72, 100), "Điều 3. Tổ chức thực hiện", fontfile=FONT, fontname="noto", fontsize=13)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(scope="module")
def consult_bundle(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    """Item 1 was open for comments until 2024 (late now); item 2, the plan, until two days from now."""
    root = tmp_path_factory.mktemp("consult")
    (root / "docs").mkdir()
    docs = {"Báo cáo kết quả công tác quý IV/2023": [make_pdf(root / "docs" / "baocao.pdf", "Báo cáo quý IV", 2)],
            PLAN: [_draft(root / "docs" / "kehoach.pdf")],
            "Công tác cán bộ": [make_pdf(root / "docs" / "nhansu.pdf", "Đề án nhân sự", 1)]}
    toml = write_session(root, people, docs=docs, extra=POLLS)
    text = toml.read_text(encoding="utf-8")
    text = text.replace('title = "Báo cáo kết quả công tác quý IV/2023"',
                        'title = "Báo cáo kết quả công tác quý IV/2023"\ncomments_due = 2024-01-18')
    text = text.replace(f'title = "{PLAN}"', f'title = "{PLAN}"\ncomments_due = {SOON}')
    toml.write_text(text, encoding="utf-8")
    return build_bundle(load_session(toml), unlock(people.clerk), root / "phien.paperless").path


@pytest.fixture
def h(qtbot: QtBot, tmp_path: Path, people: People, consult_bundle: Path, request: pytest.FixtureRequest
      ) -> Iterator[Harness]:
    language = getattr(request, "param", "en")
    with harnesses(qtbot, tmp_path) as make:
        harness = make(people, language=language)
        harness.unlock()
        harness.open(consult_bundle)
        harness.wait_document()
        yield harness


def _plan_entry(h: Harness) -> str:
    opened = h.window.session.opened
    assert opened is not None
    return opened.agenda.items[1].documents[0].entry


def _select_clause(qtbot: QtBot, h: Harness) -> None:
    """Open the plan and select the line "2. Đến năm 2030 …" (Điều 2, khoản 2)."""
    entry = _plan_entry(h)
    h.window.session.open_document(entry)
    h.wait_document(entry)
    part = h.window.consultation
    qtbot.waitUntil(lambda: entry in part._structures, timeout=30_000)
    canvas = h.window.reader.view.canvas
    r, s = canvas.pages.rect(0), canvas.pages.scale
    canvas.select_band(QPointF(r.x + 60 * s, r.y + 240 * s), QPointF(r.x + 500 * s, r.y + 253 * s))
    qtbot.waitUntil(lambda: bool(canvas.selection), timeout=15_000)


def _editor(qtbot: QtBot, h: Harness) -> CommentEditor:
    part = h.window.consultation
    qtbot.waitUntil(lambda: part.editor is not None and shiboken6.isValid(part.editor) and part.editor.isVisible(),
                    timeout=5_000)
    assert part.editor is not None
    return part.editor


def _rows(h: Harness) -> list[str]:
    tree = h.window.consultation.panel.tree
    out: list[str] = []
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        node = stack.pop(0)
        if node is not None:
            out.append(node.text(0))
            stack[0:0] = [node.child(j) for j in range(node.childCount())]
    return out


def _submit(qtbot: QtBot, h: Harness, button: str) -> None:
    part = h.window.consultation
    editor = _editor(qtbot, h)
    with qtbot.waitSignal(part.changed, timeout=30_000):
        getattr(editor, button).click()
    h.wait_idle()


def _kept(h: Harness) -> list:  # type: ignore[type-arg]
    book = h.services.consultation
    assert book is not None
    return book.comments(h.window.session.opened.agenda.session_id)  # type: ignore[union-attr]


def test_comment_on_a_passage_draft_send_amend_withdraw(qtbot: QtBot, h: Harness) -> None:
    part, panel = h.window.consultation, h.window.consultation.panel
    assert panel.isVisible() and h.services.consultation is not None
    assert part.comment_action.shortcut().toString() == "Ctrl+Shift+G"
    _select_clause(qtbot, h)
    assert part.comment_action.isEnabled()
    part.comment_action.trigger()
    editor = _editor(qtbot, h)
    assert "2. Đến năm 2030, mọi cuộc họp không dùng giấy." in editor.quote.toPlainText()
    assert editor.quote.isReadOnly()
    assert editor.place.currentText() == "Điều 2, khoản 2"
    assert "Điều 1" in [editor.place.itemText(i) for i in range(editor.place.count())]
    assert not editor.save_button.isEnabled()  # nothing written yet
    editor.text.setPlainText("Đề nghị đưa mục tiêu về năm 2028.")
    _submit(qtbot, h, "save_button")
    [kept] = _kept(h)
    c = kept.record
    assert kept.state == DRAFT and isinstance(c, Comment)
    assert (c.place, c.article, c.page, c.item, c.document_title) == ("Điều 2, khoản 2", "Điều 2", 0, 2, "kehoach")
    assert any("Draft" in row and "Đề nghị đưa mục tiêu" in row for row in _rows(h))
    assert any(row.startswith("kehoach \u203a Điều 2") for row in _rows(h))
    # send it from the panel
    panel.select("comment", c.comment_id)
    assert panel.send_button.isEnabled() and panel.amend_button.isEnabled()
    with qtbot.waitSignal(part.changed, timeout=30_000):
        panel.send_button.click()
    [kept] = _kept(h)
    assert kept.state == SENT and len(h.services.consultation.pending()) == 1
    assert any("Sent \u2014 waiting for sync" in row for row in _rows(h))
    # amend: a new draft revision, with a place the member typed
    panel.select("comment", c.comment_id)
    panel.amend_button.click()
    editor = _editor(qtbot, h)
    assert editor.text.toPlainText() == "Đề nghị đưa mục tiêu về năm 2028."
    editor.text.setPlainText("Đề nghị đưa mục tiêu về năm 2027.")
    editor.place.setCurrentText("Điều 2, khoản 2, đoạn cuối")
    _submit(qtbot, h, "send_button")
    [kept] = _kept(h)
    assert kept.state == SENT and kept.record.revision == 2 and kept.record.text.endswith("2027.")
    assert (kept.record.place, kept.record.article) == ("Điều 2, khoản 2, đoạn cuối", "Điều 2")
    # clicking the comment goes to its page
    h.window.session.open_document(h.window.session.opened.agenda.items[0].documents[0].entry)  # type: ignore[union-attr]
    h.wait_document(h.window.session.opened.agenda.items[0].documents[0].entry)  # type: ignore[union-attr]
    row = panel.row_for("comment", c.comment_id)
    assert row is not None
    with qtbot.waitSignal(part.passage_shown, timeout=30_000):
        panel.tree.itemClicked.emit(row, 0)
    h.wait_document(_plan_entry(h))
    canvas = h.window.reader.view.canvas
    assert list(canvas.highlights) == [0] and canvas.current_highlight == 0
    marked = canvas.highlights[0]
    assert len(marked) == len("2. Đến năm 2030, mọi cuộc họp không dùng giấy.".split())
    assert all(235 < y0 < 255 for _x0, y0, _x1, _y1 in marked)  # the line "2. Đến năm 2030 …", nothing else
    # withdraw, with a confirmation
    panel.select("comment", c.comment_id)
    panel.withdraw_button.click()
    qtbot.waitUntil(lambda: bool(open_message_boxes()), timeout=5_000)
    [box] = open_message_boxes()
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    with qtbot.waitSignal(part.changed, timeout=30_000):
        yes.click()
    assert _kept(h) == []
    assert len(h.services.consultation.pending()) == 3  # 2 revisions and the withdrawal, for the next sync


def test_agree_general_comment_late_and_send_all(qtbot: QtBot, h: Harness) -> None:
    part, panel = h.window.consultation, h.window.consultation.panel
    qtbot.waitUntil(lambda: panel.row_for("item", 1) is not None, timeout=30_000)
    rows = _rows(h)
    assert any("Deadline for comments: 23:59 18/01/2024" in r and "marked late" in r for r in rows)
    # a general comment on item 1, after its deadline: the editor says it will be marked late
    panel.select("item", 1)
    panel.general_button.click()
    editor = _editor(qtbot, h)
    assert not editor.quote.isVisibleTo(editor) and "mark the comment as late" in editor.note.text()
    editor.text.setPlainText("Báo cáo cần bổ sung số liệu quý IV.")
    _submit(qtbot, h, "save_button")
    assert panel.send_all_button.isEnabled()
    with qtbot.waitSignal(part.changed, timeout=30_000):
        panel.send_all_button.click()
    [kept] = _kept(h)
    assert kept.state == SENT and kept.record.entry is None
    assert any("Sent after the deadline" in r for r in _rows(h))
    # agree with the plan, once
    panel.select("item", 2)
    assert panel.agree_button.isEnabled()
    with qtbot.waitSignal(part.changed, timeout=30_000):
        panel.agree_button.click()
    agreed = [k for k in _kept(h) if k.record.kind is CommentKind.AGREE]
    assert len(agreed) == 1 and agreed[0].record.item == 2 and agreed[0].state == SENT
    panel.select("item", 2)
    assert not panel.agree_button.isEnabled() and panel.agree_button.text() == "Agreed with the draft (sent)"
    # the sync round marks them received: the panel says so after the round
    book = h.services.consultation
    assert book is not None
    book.received({p.op: int(datetime(2099, 1, 1, tzinfo=UTC).timestamp() * 1000) for p in book.pending()})
    with qtbot.waitSignal(part.changed, timeout=30_000):
        h.window.sync.part.synced.emit()
    assert all(k.state == RECEIVED for k in _kept(h))
    assert any("Received by the office (" in r for r in _rows(h))


def _poll_form(qtbot: QtBot, h: Harness) -> PollForm:
    part = h.window.consultation
    qtbot.waitUntil(lambda: part.poll_form is not None and shiboken6.isValid(part.poll_form)
                    and part.poll_form.isVisible(), timeout=5_000)
    assert part.poll_form is not None
    return part.poll_form


def test_reminder_banner_opens_the_poll_answered_then_replaced(qtbot: QtBot, h: Harness) -> None:
    part, notice = h.window.consultation, h.window.notice
    qtbot.waitUntil(lambda: notice.isVisible() and "closes at" in notice.text, timeout=30_000)
    assert "Comments on “Dự thảo Kế hoạch chuyển đổi số” are due by" in notice.text
    assert "The poll “Phiếu lấy ý kiến về thời điểm tổ chức Hội nghị” closes at" in notice.text
    assert notice.action.text() == "Comments to the office"  # the soonest first: the plan's comments
    notice.action.click()
    assert part.panel.isVisible() and not notice.isVisible()
    # the poll is in the agenda (a session's poll: after the items); Enter on it opens the form
    agenda = h.window.agenda
    row = agenda.poll_row("phieu-1")
    assert row is not None and row.text(0) == "Phiếu lấy ý kiến về thời điểm tổ chức Hội nghị"
    agenda.tree.itemActivated.emit(row, 0)
    form = _poll_form(qtbot, h)
    assert "already answered" not in form.note.text() and form.state.text().startswith("Not answered yet")
    assert not form.send_button.isEnabled()  # nothing answered yet: nothing to send
    [agree] = [b for b in form.findChildren(QRadioButton) if b.text() == "Đồng ý"]
    agree.setChecked(True)
    assert form.send_button.isEnabled()
    assert form.texts[1] is not None
    form.texts[1].setPlainText("Nên tổ chức vào đầu tháng 3.")
    with qtbot.waitSignal(part.changed, timeout=30_000):
        form.send_button.click()
    book = h.services.consultation
    assert book is not None
    kept = book.answer(h.window.session.opened.agenda.session_id, "phieu-1")  # type: ignore[union-attr]
    assert kept is not None and kept.state == SENT and kept.record.revision == 1
    assert [(a.choice, a.text) for a in kept.record.answers] == [("Đồng ý", ""), (None, "Nên tổ chức vào đầu tháng 3.")]  # type: ignore[union-attr]
    # answering again replaces it (and says so)
    part.open_poll("phieu-1")
    form = _poll_form(qtbot, h)
    assert "replaces your earlier answer" in form.note.text()
    assert [b for b in form.findChildren(QRadioButton) if b.isChecked()][0].text() == "Đồng ý"
    [against] = [b for b in form.findChildren(QRadioButton) if b.text() == "Không đồng ý"]
    against.setChecked(True)
    with qtbot.waitSignal(part.changed, timeout=30_000):
        form.send_button.click()
    kept = book.answer(h.window.session.opened.agenda.session_id, "phieu-1")  # type: ignore[union-attr]
    assert kept is not None and kept.record.revision == 2 and kept.record.answers[0].choice == "Không đồng ý"  # type: ignore[union-attr]
    assert any("Sent \u2014 waiting for sync" in r and "Phiếu lấy ý kiến" in r for r in _rows(h))


@pytest.mark.parametrize("h", ["vi"], indirect=True)
def test_screenshots_in_vietnamese(qtbot: QtBot, h: Harness) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    window, part = h.window, h.window.consultation
    window.resize(1366, 768)
    _select_clause(qtbot, h)
    part.comment_action.trigger()
    editor = _editor(qtbot, h)
    editor.text.setPlainText("Đề nghị đưa mục tiêu “không dùng giấy” về năm 2028 để phù hợp với Nghị quyết.")
    QApplication.processEvents()
    editor.grab().save(str(SHOTS / "comment-editor.png"))
    _submit(qtbot, h, "save_button")
    panel = part.panel
    panel.select("item", 1)
    with qtbot.waitSignal(part.changed, timeout=30_000):
        panel.agree_button.click()
    QApplication.processEvents()
    window.grab().save(str(SHOTS / "window-comments-panel.png"))
    panel.grab().save(str(SHOTS / "comments-panel.png"))
    part.open_poll("phieu-1")
    form = _poll_form(qtbot, h)
    QApplication.processEvents()
    form.grab().save(str(SHOTS / "poll-form.png"))
    form.reject()
    assert "Góp ý gửi Văn phòng" in part.comment_action.text()


def test_a_comment_sent_in_the_app_reaches_the_office_table(qtbot: QtBot, tmp_path: Path, people: People,
                                                            consult_bundle: Path) -> None:
    """End to end over HTTPS on loopback: the app connects to a real office server, a comment on
    the plan's Điều 2, khoản 2 and an answer to the poll are sent in the sync round (the panel says
    received), and ``paperless consultation collect`` puts the comment in the table."""
    import docx
    from bundle_helpers import PASSPHRASE
    from server_helpers import Office, ServerSetup, cli, free_port, start_server
    from test_gui_sync_e2e import _box_open, _click

    from paperless.core.sync import SyncState
    from paperless.core.sync import protocol as P

    folder, port = tmp_path / "server", free_port()
    running = None
    try:
        assert cli("server", "init", folder, "--office", people.clerk, "--passphrase-env", "PL_GUI_PASS",
                   "--url", f"https://127.0.0.1:{port}", env={"PL_GUI_PASS": PASSPHRASE}) == 0
        assert cli("server", "enroll", folder, *(people.member(k) / "card.toml" for k in ("an", "binh", "cuong"))) == 0
        running = start_server(ServerSetup(folder, port, Office(people.root)))
        with harnesses(qtbot, tmp_path) as make:
            h = make(people)
            h.unlock()
            h.open(consult_bundle)
            h.wait_document()
            w, part = h.window, h.window.consultation
            h.files.open_answers.append(folder / P.OFFICE_FILE)
            w.actions_.connect_office.trigger()
            qtbot.waitUntil(lambda: _box_open("confirmConnect"), timeout=60_000)
            _click("confirmConnect", "Connect")
            qtbot.waitUntil(lambda: w.sync.connected and w.sync.part.status.state is SyncState.SYNCED, timeout=60_000)
            _select_clause(qtbot, h)
            part.comment_action.trigger()
            editor = _editor(qtbot, h)
            editor.text.setPlainText("Đề nghị đưa mục tiêu không dùng giấy về năm 2028.")
            _submit(qtbot, h, "send_button")
            part.open_poll("phieu-1")
            form = _poll_form(qtbot, h)
            [agree] = [b for b in form.findChildren(QRadioButton) if b.text() == "Đồng ý"]
            agree.setChecked(True)
            with qtbot.waitSignal(part.changed, timeout=30_000):
                form.send_button.click()
            book = h.services.consultation
            assert book is not None and len(book.pending()) == 2
            w.actions_.sync_now.trigger()
            qtbot.waitUntil(lambda: not book.pending() and any("Received by the office (" in r for r in _rows(h))
                            and all("waiting for sync" not in r for r in _rows(h)), timeout=60_000)
            assert all(k.state == RECEIVED for k in _kept(h))
        out = tmp_path / "tong-hop.docx"
        assert cli("consultation", "collect", folder, consult_bundle.parent / "session.toml", "--identity",
                   people.clerk, "--passphrase-env", "PL_CLERK", "--out", out,
                   env={"PL_CLERK": PASSPHRASE, "PAPERLESS_LANG": "vi"}) == 0
        d = docx.Document(str(out))
        cells = ["\n".join(p.text for p in c.paragraphs) for t in d.tables for r in t.rows for c in r.cells]
        [row] = [c for c in cells if "Đề nghị đưa mục tiêu không dùng giấy về năm 2028." in c]
        assert any("Điều 2, khoản 2" in c and "2. Đến năm 2030, mọi cuộc họp không dùng giấy." in c for c in cells)
        assert any("Nguyễn Văn An" in c for c in cells) and row
    finally:
        if running is not None:
            running.stop()


def test_at_start_the_banner_reminds_of_sessions_kept_here(qtbot: QtBot, tmp_path: Path, people: People,
                                                           consult_bundle: Path) -> None:
    """After unlocking, before any session is open: the poll and the comments due soon in a session
    kept on this computer are in the banner; its button opens that session."""
    home = tmp_path / "home"
    with harnesses(qtbot, tmp_path) as make:
        first = make(people, home=home)
        first.unlock()
        first.open(consult_bundle)
        first.wait_document()
    with harnesses(qtbot, tmp_path) as make:
        h = make(people, home=home)
        h.unlock()
        notice = h.window.notice
        qtbot.waitUntil(lambda: notice.isVisible() and "closes at" in notice.text, timeout=30_000)
        assert h.window.session.opened is None
        assert "Comments on “Dự thảo Kế hoạch chuyển đổi số” are due by" in notice.text
        assert notice.action.text() == "Open this session"
        notice.action.click()
        qtbot.waitUntil(lambda: h.window.session.opened is not None, timeout=30_000)
        h.wait_document()
        assert h.window.consultation.panel.isVisible()


def test_the_editor_and_the_poll_form_are_named(qtbot: QtBot, h: Harness) -> None:
    from test_gui_accessibility import unnamed_focusable

    part = h.window.consultation
    assert unnamed_focusable(part.panel) == []
    part.comment_on_item(2)
    assert unnamed_focusable(_editor(qtbot, h)) == []
    part.open_poll("phieu-1")
    assert unnamed_focusable(_poll_form(qtbot, h)) == []


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_drag_selects_in_a_draft_open_for_comments_and_its_menu_offers_the_comment(qtbot: QtBot, h: Harness
                                                                                      ) -> None:
    """The session does not allow copying (the default): the mouse still selects a passage of a
    draft open for comments (to comment on it; copying stays refused), not of the other documents."""
    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    view = h.window.reader.view
    canvas = view.canvas
    opened = h.window.session.opened
    assert opened is not None and not canvas.selectable
    staff = opened.agenda.items[2].documents[0].entry  # Công tác cán bộ: not open for comments
    h.window.session.open_document(staff)
    h.wait_document(staff)
    assert not canvas.pointer.commentable
    entry = _plan_entry(h)
    h.window.session.open_document(entry)
    h.wait_document(entry)
    qtbot.waitUntil(lambda: canvas.pointer.commentable, timeout=30_000)
    assert not canvas.selectable
    r, s = canvas.pages.rect(0), canvas.pages.scale
    dx, dy = canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value()

    def at(x: float, y: float) -> QPoint:
        return QPoint(round(r.x + x * s - dx), round(r.y + y * s - dy))

    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at(60, 240))
    qtbot.mouseMove(viewport, at(300, 248))
    qtbot.mouseMove(viewport, at(500, 253))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at(500, 253))
    qtbot.waitUntil(lambda: "2. Đến năm 2030" in view.selected_text(), timeout=15_000)
    assert not view.copy_selection()  # copying is still refused
    seen: list[list[str]] = []

    def look() -> None:
        menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
        seen.extend([a.text() for a in m.actions()] for m in menus)
        for m in menus:
            m.close()

    QTimer.singleShot(0, look)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at(300, 248), viewport.mapToGlobal(at(300, 248)))
    QApplication.sendEvent(viewport, event)  # a right click arrives at the viewport
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == [["Comment to the office\u2026"]]  # no "Copy": the office does not allow it


def test_cancelling_a_written_comment_asks_and_can_keep_it_as_a_draft(qtbot: QtBot, h: Harness) -> None:
    part = h.window.consultation
    part.comment_on_item(2)
    editor = _editor(qtbot, h)
    editor.cancel_button.click()  # nothing written: just closes
    qtbot.waitUntil(lambda: part.editor is None, timeout=5_000)
    part.comment_on_item(2)
    editor = _editor(qtbot, h)
    editor.text.setPlainText("Cần bổ sung kinh phí thực hiện.")
    editor.cancel_button.click()
    qtbot.waitUntil(lambda: bool(open_message_boxes()), timeout=5_000)
    [box] = open_message_boxes()
    assert box.objectName() == "keepCommentDraft" and editor.isVisible()
    [keep] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    with qtbot.waitSignal(part.changed, timeout=30_000):
        keep.click()
    [kept] = _kept(h)
    assert kept.state == DRAFT and kept.record.text == "Cần bổ sung kinh phí thực hiện." and kept.record.entry is None


def test_view_menu_hides_and_shows_the_comments_panel(qtbot: QtBot, h: Harness) -> None:
    """View ▸ Comments to the office (F7): on by default where the session has something to comment
    on; off hides the panel and is remembered; disabled where there is nothing to comment on."""
    action, panel = h.window.actions_.comments_panel, h.window.consultation.panel
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=30_000)
    assert action.isEnabled() and action.isChecked() and action.shortcut().toString() == "F7"
    action.trigger()
    assert not panel.isVisible() and h.services.settings.flag("comments_panel", True) is False
    action.trigger()
    assert panel.isVisible()
    h.window.close_session()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=30_000)
    assert not action.isEnabled()  # nothing open: nothing to comment on


def test_a_reminder_closed_does_not_come_back_after_each_round_nor_hide_another_message(
        qtbot: QtBot, h: Harness) -> None:
    part, notice = h.window.consultation, h.window.notice
    qtbot.waitUntil(lambda: notice.isVisible() and "closes at" in notice.text, timeout=30_000)
    notice.close_button.click()
    assert not notice.isVisible()
    with qtbot.waitSignal(part.reminders_ready, timeout=30_000) as told:
        part.refresh()  # what the end of each sync round does
    due = told.args[0]
    assert due and not notice.isVisible()  # still due, already said: not again
    h.window._show_notice("Phiên họp mới: …")  # another message on screen: a new session
    part.reminders_ready.emit([(sid, dataclasses.replace(r, poll_id="khac")) for sid, r in due])
    assert notice.text == "Phiên họp mới: …"
