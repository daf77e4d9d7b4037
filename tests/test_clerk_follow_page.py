"""The clerk workspace's Follow page (issue 13, "Follow"), pytest-qt offscreen, over a real office
server's database (in process: the server's own stores behind the OfficeService; see
clerk_follow_helpers) with members' receipts, acknowledgements, comments and poll answers made by the
real core code: the receipts grid fills and a member with nothing stands out near the meeting;
comments grouped by article; an answer typed reaches the exported DOCX; the poll tally; a recall
then the devices' confirmations; offline keeps the data. Screenshots in Vietnamese at 1366×768."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from bundle_helpers import MEMBERS, People, unlock
from clerk_follow_helpers import STARTS, Device, StoreOffice, comment, follow_session, poll_answer
from gui_helpers import ensure_translations, open_message_boxes
from notes_gui_helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from paperless.core.clerk.follow import ANSWERS_FILE
from paperless.core.session import SessionSpec
from paperless.gui.clerk.follow_page import EXPORT_STEM, REFRESH_MS, FollowPage
from paperless.gui.clerk.follow_views import ATTENTION_BG
from paperless.gui.i18n import Translators
from paperless.gui.tasks import Tasks
from paperless.resources import resource_path

AN, BINH, CUONG = MEMBERS
NOW = STARTS - timedelta(days=1, hours=3)  # the meeting is a day away
SHOTS = Path("/tmp/shots-follow")


@dataclass
class Follow:
    page: FollowPage
    office: StoreOffice
    spec: SessionSpec
    tasks: Tasks
    an: Device
    binh: Device

    def refresh(self, qtbot: QtBot) -> None:
        with qtbot.waitSignal(self.page.refreshed, timeout=60_000):
            self.page.refresh()


@pytest.fixture
def translators() -> Iterator[Translators]:
    """English (the plural forms come from its translation file), switched to Vietnamese for the screenshots."""
    ensure_translations()
    installed = Translators(QApplication.instance(), resource_path("translations"))  # type: ignore[arg-type]
    installed.install("en")
    yield installed
    installed.remove()


@pytest.fixture
def follow(qtbot: QtBot, tmp_path: Path, people: People, translators: Translators) -> Iterator[Follow]:
    spec = follow_session(tmp_path / "session", people)
    office = StoreOffice.make(tmp_path / "server", people)
    an, binh = office.device(people, "an"), office.device(people, "binh")
    tasks = Tasks()
    page = FollowPage(tasks, office, spec, spec.source.parent, unlock(people.clerk), language=lambda: "en",
                      clock=lambda: NOW, office_name="VĂN PHÒNG TỈNH ỦY", place="Vân Sơn")
    qtbot.addWidget(page)
    page.resize(1366, 768)
    yield Follow(page, office, spec, tasks, an, binh)
    page.close_page()
    page.hide()
    assert tasks.wait_for_done(30_000)
    office.close()
    assert office.on_gui_thread == []  # every call to the server ran on the task layer


def _receipts(f: Follow) -> None:
    sid = f.spec.session_id
    for n in (1, 2, 3, 4):
        f.office.receipt(f.an, sid, f"documents/000{n}.age", "received", "2099-01-12T02:00:00Z")
    f.office.receipt(f.an, sid, "documents/0001.age", "opened", "2099-01-12T03:00:00Z")
    f.office.receipt(f.an, sid, "documents/0001.age", "read_to_end", "2099-01-12T03:40:00Z")
    for n in (1, 2, 3):
        f.office.receipt(f.binh, sid, f"documents/000{n}.age", "received", "2099-01-12T05:00:00Z")
    f.office.receipt(f.binh, sid, "documents/0002.age", "opened", "2099-01-12T06:00:00Z")


def test_the_receipts_grid_fills_and_a_member_with_nothing_stands_out_near_the_meeting(
        qtbot: QtBot, follow: Follow, people: People) -> None:
    f = follow
    _receipts(f)
    with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        f.page.show()  # shown: refreshed at once, then every minute
    assert f.page._timer.isActive() and f.page._timer.interval() == REFRESH_MS == 60_000
    table = f.page.receipts.table
    assert (table.rowCount(), table.columnCount()) == (3, 4)
    names = [table.item(r, 0).text() for r in range(3)]
    assert names[0] == AN and names[1] == BINH
    assert names[2].startswith(CUONG) and "has not received 2 items" in names[2]  # in words, not colour alone
    assert table.item(2, 0).background().color() == ATTENTION_BG
    assert table.item(2, 1).text().startswith("⚠ Not received")
    assert table.item(0, 1).text() == "Read to the end"
    assert "opened" in table.item(0, 1).toolTip() and "read to the end" in table.item(0, 1).toolTip()
    assert "baocao" in table.item(0, 1).toolTip()
    assert table.item(1, 2).text() == "Opened (1 of 2 documents)"
    assert table.item(1, 3).text() == "— not for this member"
    summary = f.page.receipts.summary.text()
    assert "starts in 1 day" in summary and f"Not yet received by 1 member: {CUONG}" in summary
    assert f.page.status.text().startswith("As of ")

    # Cường's laptop fetches the session: F5 shows it, he no longer stands out
    cuong = f.office.device(people, "cuong")
    for n in (1, 2, 3):
        f.office.receipt(cuong, f.spec.session_id, f"documents/000{n}.age", "received", "2099-01-14T01:00:00Z")
    with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        qtbot.keyClick(f.page.receipts.table, Qt.Key.Key_F5)
    assert table.item(2, 0).text() == CUONG and table.item(2, 1).text() == "Received"
    assert "Every member has received the documents." in f.page.receipts.summary.text()
    f.page.hide()
    assert not f.page._timer.isActive()  # no refreshing while not shown


def test_comments_are_grouped_by_article_and_an_answer_typed_reaches_the_exported_table(
        qtbot: QtBot, follow: Follow, people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    f = follow
    c2 = comment(f.spec, f.an, "Đề nghị làm rõ mục tiêu năm 2030.", article="Điều 2", place="Điều 2, khoản 2",
                 quote="Đến năm 2030, mọi cuộc họp không dùng giấy.", order=(0, 250))
    c1 = comment(f.spec, f.binh, "Phạm vi điều chỉnh còn hẹp.", article="Điều 1", place="Điều 1", order=(0, 120))
    general = comment(f.spec, f.binh, "Nhất trí về cơ bản với dự thảo.", order=(0, 0))
    for record, dev in ((c2, f.an), (c1, f.binh), (general, f.binh)):
        f.office.send(dev, record, people)
    with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        f.page.show()
    f.page.tabs.setCurrentIndex(1)
    tree = f.page.comments.tree
    assert tree.topLevelItemCount() == 1
    doc = tree.topLevelItem(0)
    assert doc.text(0) == f"{f.spec.items[1].title} — 3 comments"
    assert [doc.child(i).text(0) for i in range(doc.childCount())] == ["General comments", "Điều 1", "Điều 2"]
    article2 = doc.child(2).child(0)
    assert article2.text(0) == "Điều 2, khoản 2: Đề nghị làm rõ mục tiêu năm 2030."
    assert (article2.text(1), article2.text(3)) == (AN, "")
    assert "3 comments received." in f.page.comments.summary.text()

    f.page.comments.select(c2.comment_id)
    assert "Đến năm 2030" in f.page.comments.detail.text()
    editor = f.page.comments.answer
    editor.setFocus()
    type_text(editor, "Tiếp thu, bổ sung chỉ tiêu năm 2030.")  # as a Vietnamese keyboard does
    answers_file = f.spec.source.parent / ANSWERS_FILE

    def saved() -> bool:
        return answers_file.is_file() and json.loads(answers_file.read_text("utf-8"))["answers"].get(
            c2.comment_id) == "Tiếp thu, bổ sung chỉ tiêu năm 2030."

    qtbot.waitUntil(saved, timeout=10_000)  # kept in the session folder as it is typed
    assert article2.text(4) == "Tiếp thu, bổ sung chỉ tiêu năm 2030."

    with qtbot.waitSignal(f.page.exported, timeout=60_000) as written:
        f.page.comments.export_button.click()  # one click
    folder = f.spec.source.parent
    assert written.args[0] == [folder / f"{EXPORT_STEM}.docx", folder / f"{EXPORT_STEM}.xlsx"]
    table_rows = [[c.text for c in row.cells] for t in docx.Document(str(folder / f"{EXPORT_STEM}.docx")).tables[1:]
                  for row in t.rows]
    answered = {r[2]: r[4] for r in table_rows if r[0].isdigit()}
    assert answered == {"Nhất trí về cơ bản với dự thảo.": "", "Phạm vi điều chỉnh còn hẹp.": "",
                        "Đề nghị làm rõ mục tiêu năm 2030.": "Tiếp thu, bổ sung chỉ tiêu năm 2030."}
    assert f"{EXPORT_STEM}.docx" in f.page.comments.export_status.text()

    # without the office extra: one clear line saying what to install, nothing written
    (folder / f"{EXPORT_STEM}.docx").unlink()
    monkeypatch.setitem(sys.modules, "docx", None)
    f.page.comments.export_button.click()
    qtbot.waitUntil(lambda: "pip install 'paperless[office]'" in f.page.comments.export_status.text(),
                    timeout=10_000)
    assert "python-docx" in f.page.comments.export_status.text()
    assert not (folder / f"{EXPORT_STEM}.docx").exists()


def test_the_poll_tally_and_who_has_not_answered(qtbot: QtBot, follow: Follow, people: People) -> None:
    f = follow
    f.office.send(f.an, poll_answer(f.spec, f.an, "Đồng ý", "Nên tổ chức vào đầu tháng 3."), people)
    f.office.send(f.binh, poll_answer(f.spec, f.binh, "Không đồng ý"), people)
    with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        f.page.show()
    tree = f.page.polls.tree
    poll = tree.topLevelItem(0)
    assert poll.text(0).startswith("Phiếu lấy ý kiến về thời điểm tổ chức Hội nghị (due ")
    assert poll.text(1) == "2 of 3 answered"
    first = poll.child(0)
    assert [(first.child(i).text(0), first.child(i).text(1)) for i in range(first.childCount())] == [
        ("Đồng ý", "1"), ("Không đồng ý", "1"), ("Ý kiến khác", "0")]
    assert poll.child(1).child(0).text(0) == f"{AN}: Nên tổ chức vào đầu tháng 3."
    assert poll.child(2).text(0) == f"Not answered yet: {CUONG}" and poll.child(2).text(1) == "1"


def _box() -> QMessageBox:
    boxes = [b for b in open_message_boxes() if b.objectName() == "recallConfirm"]
    assert len(boxes) == 1
    return boxes[0]


def _click(box: QMessageBox, label: str) -> None:
    button = next(b for b in box.buttons() if b.text() == label)
    button.click()


def test_a_recall_after_confirming_then_the_devices_confirmations_appear(
        qtbot: QtBot, follow: Follow, people: People) -> None:
    f = follow
    home = f.office.device(people, "an", "Máy ở nhà")
    with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        f.page.show()
    f.page.tabs.setCurrentIndex(3)
    view = f.page.recall
    assert view.summary.text() == "Nothing of this session has been recalled."
    assert [view.items.itemText(i) for i in range(view.items.count())] == [f"3. {f.spec.items[2].title}"]

    view.whole.click()  # cancelled: nothing sent
    box = _box()
    assert "Recall the whole session" in box.text() and "cannot be undone" in box.informativeText()
    _click(box, "Cancel")
    qtbot.waitUntil(lambda: not open_message_boxes())
    assert "recall" not in f.office.calls

    view.one.click()
    box = _box()
    assert box.text() == f"Recall item 3. {f.spec.items[2].title} from every member's computer?"
    assert "deletes its whole copy of the session" in box.informativeText()
    assert "The meeting has not started yet" in box.informativeText()  # the clock is before the meeting
    with qtbot.waitSignal(f.page.recalled, timeout=60_000) as recalled, \
            qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        _click(box, "Recall")
    assert recalled.args == [2]
    table = view.table
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, 4).text() for r in range(table.rowCount())}
    assert rows == {(AN, "Máy tính văn phòng"): "Not yet confirmed", (AN, "Máy ở nhà"): "Not yet confirmed",
                    (BINH, "Máy tính văn phòng"): "Not yet confirmed", (CUONG, "—"): "No computer connected yet"}
    assert {table.item(r, 2).text() for r in range(table.rowCount())} == {f"item 3. {f.spec.items[2].title}"}
    assert view.summary.text() == "0 of 3 computers have confirmed."

    assert f.office.ack_all(f.an) == 1  # An's office laptop carries it out and acknowledges
    f.refresh(qtbot)
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, 4).text() for r in range(table.rowCount())}
    assert rows[(AN, "Máy tính văn phòng")].startswith("✔ Confirmed ")
    assert rows[(AN, "Máy ở nhà")] == "Not yet confirmed"
    assert view.summary.text() == "1 of 3 computers have confirmed."
    assert f.office.ack_all(home) == 1 and f.office.ack_all(f.binh) == 1
    f.refresh(qtbot)
    assert view.summary.text() == "3 of 3 computers have confirmed."


def test_offline_says_one_line_and_keeps_the_last_data_as_of_its_time(
        qtbot: QtBot, follow: Follow, people: People) -> None:
    f = follow
    _receipts(f)
    f.office.send(f.an, comment(f.spec, f.an, "Góp ý trước khi mất mạng.", article="Điều 1"), people)
    with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        f.page.show()
    as_of = NOW.astimezone().strftime("%H:%M")
    f.office.offline = True
    with qtbot.waitSignal(f.page.refresh_failed, timeout=60_000) as failed:
        f.page.refresh()
    line = failed.args[0]
    assert line == (f"⚠ Cannot reach the office server (it did not accept the connection; it may not be running). "
                    f"Shown: the data as of {as_of}.")
    assert f.page.status.text() == line and "\n" not in line
    assert f.page.receipts.table.rowCount() == 3 and f.page.receipts.table.item(0, 1).text() == "Read to the end"
    assert f.page.comments.tree.topLevelItemCount() == 1
    # a recall while offline is not sent, and says so
    f.page.tabs.setCurrentIndex(3)
    f.page.recall.whole.click()
    _click(_box(), "Recall")
    qtbot.waitUntil(lambda: f.page.recall.summary.text().startswith("⚠ The recall was not sent: Cannot reach"),
                    timeout=30_000)
    f.office.offline = False
    f.refresh(qtbot)
    assert f.page.status.text().startswith("As of ")
    assert f.page.recall.summary.text() == "Nothing of this session has been recalled."


def test_screens_in_vietnamese(qtbot: QtBot, follow: Follow, people: People, translators: Translators) -> None:
    """Each view at 1366×768 in Vietnamese, saved for looking at (/tmp/shots-follow)."""
    assert translators.install("vi")
    try:
        f = follow
        f.page._language = lambda: "vi"
        _receipts(f)
        for record, dev in (
                (comment(f.spec, f.an, "Đề nghị làm rõ mục tiêu năm 2030, có lộ trình cụ thể từng năm.",
                         article="Điều 2", place="Điều 2, khoản 2", quote="Đến năm 2030, mọi cuộc họp không dùng giấy.",
                         order=(0, 250)), f.an),
                (comment(f.spec, f.binh, "Phạm vi điều chỉnh còn hẹp, đề nghị bổ sung các đơn vị sự nghiệp.",
                         article="Điều 1", place="Điều 1", order=(0, 120)), f.binh),
                (comment(f.spec, f.binh, "Nhất trí về cơ bản với dự thảo.", order=(0, 0)), f.binh)):
            f.office.send(dev, record, people)
        f.office.send(f.an, poll_answer(f.spec, f.an, "Đồng ý", "Nên tổ chức vào đầu tháng 3."), people)
        f.office.send(f.binh, poll_answer(f.spec, f.binh, "Không đồng ý"), people)
        f.office.recall(f.spec.session_id, 2)  # as the page does (tested above), here directly
        f.office.on_gui_thread.clear()
        f.office.ack_all(f.an)
        with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
            f.page.show()
        assert f.page.tabs.tabText(0) != "Receipts"  # translated
        SHOTS.mkdir(parents=True, exist_ok=True)
        f.page.comments.select(next(iter(f.page.comments._items)))
        for index, name in enumerate(("receipts", "comments", "polls", "recall")):
            f.page.tabs.setCurrentIndex(index)
            assert f.page.grab().save(str(SHOTS / f"follow-{name}-vi.png"))
        f.page.tabs.setCurrentIndex(3)
        f.page.recall.one.click()
        box = _box()
        box.resize(700, 300)
        assert box.grab().save(str(SHOTS / "follow-recall-confirm-vi.png"))
        _click(box, "Huỷ")
        f.office.offline = True
        with qtbot.waitSignal(f.page.refresh_failed, timeout=60_000):
            f.page.refresh()
        f.page.tabs.setCurrentIndex(0)
        assert f.page.grab().save(str(SHOTS / "follow-offline-vi.png"))
        f.office.offline = False
    finally:
        translators.install("en")


def test_without_the_office_part_receipts_and_recall_still_work_and_comments_say_what_to_install(
        qtbot: QtBot, follow: Follow, people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    f = follow
    _receipts(f)
    f.office.send(f.an, comment(f.spec, f.an, "Góp ý."), people)
    monkeypatch.setitem(sys.modules, "paperless.office.collect", None)  # as in the frozen reader (build.spec)
    with qtbot.waitSignal(f.page.refreshed, timeout=60_000):
        f.page.show()
    assert f.page.receipts.table.item(0, 1).text() == "Read to the end"
    for summary in (f.page.comments.summary.text(), f.page.polls.summary.text()):
        assert "pip install 'paperless[office]'" in summary and "\n" not in summary
    f.page.comments.export_button.click()
    assert "pip install 'paperless[office]'" in f.page.comments.export_status.text()
