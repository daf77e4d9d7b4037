"""Issue 10, the GUI's side of sync: the status sentence, the schedule, the Devices dialog, the menu.

The sync part is driven here by a scripted engine (the part's one interface: ``sync_once``,
``status``, ``changed_records``, ``devices``, ``revoke``), so each rule of the schedule can be
shown alone; ``test_gui_sync_e2e.py`` drives the real engine against a real server.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, ensure_translations, harnesses
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from paperless.core.errors import PaperlessError, T
from paperless.core.notes import Record
from paperless.core.sync import DeviceInfo
from paperless.core.sync.status import Notice, SyncReport, SyncState, SyncStatus, describe
from paperless.gui.i18n import Translators
from paperless.gui.sync.devices import DevicesDialog
from paperless.gui.sync.part import FIRST_RETRY_MS, MAX_RETRY_MS, SyncPart, retry_delay
from paperless.gui.tasks import Tasks

pytestmark = OFFSCREEN_NOISE
WAIT = 10_000
ADDRESS = "https://10.0.0.5:8443"


# -- the sentence (Qt-free) ----------------------------------------------------------------------

@pytest.mark.parametrize(("status", "now", "en", "vi"), [
    (SyncStatus(SyncState.NOT_CONNECTED), 0, "Not connected to the office server", "Chưa kết nối máy chủ văn phòng"),
    (SyncStatus(SyncState.SYNCED, ADDRESS, last_synced_ms=0), 30_000, "Synced just now", "Đã đồng bộ vừa xong"),
    (SyncStatus(SyncState.SYNCED, ADDRESS, last_synced_ms=0), 150_000, "Synced 2 minutes ago",
     "Đã đồng bộ 2 phút trước"),
    (SyncStatus(SyncState.SYNCED, ADDRESS, last_synced_ms=0), 3 * 3_600_000, "Synced 3 hours ago",
     "Đã đồng bộ 3 giờ trước"),
    (SyncStatus(SyncState.OFFLINE, ADDRESS, pending=3), 0, "Offline \u2014 3 changes waiting",
     "Ngoại tuyến \u2014 3 thay đổi đang chờ gửi"),
    (SyncStatus(SyncState.OFFLINE, ADDRESS), 0, "Cannot reach the office server (10.0.0.5:8443)",
     "Không kết nối được máy chủ văn phòng (10.0.0.5:8443)"),
    (SyncStatus(SyncState.REFUSED, ADDRESS, detail=T("not enrolled", "chưa được đăng ký")), 0,
     "The office server refused this laptop: not enrolled", "Máy chủ văn phòng từ chối máy này: chưa được đăng ký"),
])
def test_the_status_bar_sentence(status: SyncStatus, now: int, en: str, vi: str) -> None:
    said = describe(status, now)
    assert (said.en, said.vi) == (en, vi)


def test_retries_double_from_fifteen_seconds_to_five_minutes_with_jitter() -> None:
    assert retry_delay(1, lambda: 0.5) == FIRST_RETRY_MS
    assert retry_delay(2, lambda: 0.5) == 2 * FIRST_RETRY_MS
    assert retry_delay(30, lambda: 0.5) == MAX_RETRY_MS
    assert retry_delay(1, lambda: 0.0) == int(FIRST_RETRY_MS * 0.8)
    assert retry_delay(1, lambda: 1.0) == int(FIRST_RETRY_MS * 1.2)


# -- the part ------------------------------------------------------------------------------------

class ScriptedEngine:
    """Answers each round with the next status of a script; a round may be held until released."""

    def __init__(self, rounds: list[SyncStatus], records: list[list[Record]] | None = None) -> None:
        self.rounds = rounds
        self.records = records or []
        self.threads: list[str] = []
        self.hold = threading.Event()
        self.hold.set()
        self.started = threading.Event()
        self._last: list[Record] = []
        self.cancelled = False

    def sync_once(self, progress: Callable[[int, int], None] | None = None) -> SyncReport:
        self.threads.append(threading.current_thread().name)
        self.started.set()
        assert self.hold.wait(WAIT / 1000)
        if progress is not None:
            progress(1, 2)
        status = self.rounds.pop(0)
        self._last = self.records.pop(0) if self.records else []
        return SyncReport(pushed=0, pulled=len(self._last), conflicts=0, pending=status.pending, status=status)

    first = SyncStatus(SyncState.SYNCING, ADDRESS, last_synced_ms=None)  # what the app reads on the database lane

    def status(self) -> SyncStatus:
        raise AssertionError("the part never asks the engine's status on the GUI thread (it reads the store)")

    def changed_records(self) -> list[Record]:
        return self._last

    def devices(self) -> list[DeviceInfo]:
        return []

    def revoke(self, device: str) -> None:
        raise AssertionError("not asked")

    def approve(self, device: str) -> None:
        raise AssertionError("not asked")

    def cancel(self) -> None:
        self.cancelled = True


@pytest.fixture
def tasks(qtbot):  # type: ignore[no-untyped-def]
    t = Tasks()
    yield t
    assert t.wait_for_done(WAIT)


@pytest.fixture
def vietnamese(qtbot):  # type: ignore[no-untyped-def]
    """The interface's Vietnamese translation installed (as the app does), removed afterwards."""
    locale = QLocale()
    translators = Translators(QCoreApplication.instance(), ensure_translations())
    assert translators.install("vi")
    yield
    translators.remove()
    QLocale.setDefault(locale)


def test_rounds_run_in_the_background_without_a_busy_cursor_and_say_what_happened(qtbot, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    language = ["vi"]
    part = SyncPart(tasks, lambda: language[0], wall_ms=lambda: 0)
    label, _bar = part.make_widgets(host)
    assert label.text() == "Chưa kết nối máy chủ văn phòng"
    notice = Notice("Both versions of a note were kept", "Đã giữ cả hai bản của một ghi chú")
    engine = ScriptedEngine([SyncStatus(SyncState.OFFLINE, ADDRESS, pending=2),
                             SyncStatus(SyncState.SYNCED, ADDRESS, last_synced_ms=0, notices=(notice,))])
    engine.hold.clear()
    busy: list[bool] = []
    tasks.busy_changed.connect(busy.append)
    notices: list[str] = []
    part.notice.connect(notices.append)

    part.attach(engine, engine.first)  # a round at once, on the network lane
    assert engine.started.wait(WAIT / 1000)
    assert part.running and label.text() == "Đang đồng bộ ghi chú\u2026"
    assert not tasks.busy  # a background round never shows the busy cursor
    engine.hold.set()
    qtbot.waitUntil(lambda: not part.running, timeout=WAIT)
    assert label.text() == "Ngoại tuyến \u2014 2 thay đổi đang chờ gửi"
    assert engine.threads[0] != threading.main_thread().name  # off the GUI thread
    timer = part._timer  # the next try is scheduled, with the back-off of one failure
    assert timer.isActive() and 0.8 * FIRST_RETRY_MS - 100 <= timer.remainingTime() <= 1.2 * FIRST_RETRY_MS

    part.sync_now()  # F5: at once, not waiting for the back-off
    qtbot.waitUntil(lambda: not part.running and part.status.state is SyncState.SYNCED, timeout=WAIT)
    assert label.text() == "Đã đồng bộ vừa xong"
    assert notices == ["Đã giữ cả hai bản của một ghi chú"]
    assert busy == []
    language[0] = "en"
    part.retranslate()
    assert label.text() == "Synced just now"
    part.detach()
    assert label.text() == "Not connected to the office server" and not timer.isActive()
    assert engine.cancelled  # a round still on the network is stopped


def test_a_revoked_laptop_stops_syncing_and_says_so(qtbot, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    part = SyncPart(tasks, lambda: "en")
    engine = ScriptedEngine([SyncStatus(SyncState.REVOKED, ADDRESS)])
    with qtbot.waitSignal(part.revoked, timeout=WAIT):
        part.attach(engine, engine.first)
    assert part.engine is None and not part._timer.isActive()
    assert part.sentence().startswith("This laptop was removed from your devices")


def test_asking_while_a_round_runs_makes_one_more_round(qtbot, tasks: Tasks) -> None:  # type: ignore[no-untyped-def]
    part = SyncPart(tasks, lambda: "en")
    synced = SyncStatus(SyncState.SYNCED, ADDRESS, last_synced_ms=0)
    engine = ScriptedEngine([synced, synced])
    engine.hold.clear()
    part.attach(engine, engine.first)
    assert engine.started.wait(WAIT / 1000)
    part.sync_now()
    part.sync_now()  # asked twice while running: one more round, not two
    engine.hold.set()
    qtbot.waitUntil(lambda: len(engine.threads) == 2 and not part.running, timeout=WAIT)
    assert engine.rounds == []
    assert part._timer.isActive() and part._timer.remainingTime() > 50_000  # then every minute


# -- the Devices dialog ------------------------------------------------------------------------

def _devices() -> list[DeviceInfo]:
    return [DeviceInfo("d-home", "Máy ở nhà", "2026-11-20T08:00:00Z", 1_700_000_600_000, False, False, False),
            DeviceInfo("d-office", "Máy văn phòng", "2026-10-01T08:00:00Z", 1_700_000_900_000, False, False, True),
            DeviceInfo("d-old", "Máy cũ", "2025-05-01T08:00:00Z", None, True, True, False)]


def _answer_revoke(qtbot, dialog: DevicesDialog, button_text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(b.isVisible() for b in dialog.findChildren(QMessageBox)), timeout=WAIT)
    shown = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()][0]
    assert shown.defaultButton() is shown.button(QMessageBox.StandardButton.Cancel)  # Enter does the safe thing
    target = next(b for b in shown.buttons() if b.text().replace("&", "") == button_text)
    target.click()


def test_devices_are_listed_this_one_first_and_a_lost_one_is_revoked(qtbot, tasks: Tasks, vietnamese) -> None:  # type: ignore[no-untyped-def]
    devices = _devices()
    revoked: list[tuple[str, str]] = []

    def revoke(device: str) -> None:
        revoked.append((device, threading.current_thread().name))
        devices[:] = [DeviceInfo(d.device, d.name, d.created, d.last_seen_ms, d.revoked or d.device == device,
                                 d.wiped, d.current) for d in devices]

    dialog = DevicesDialog(tasks, tasks.network, lambda: list(devices), revoke, lambda _d: None, lambda: "vi")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=WAIT)
    names = [dialog.table.item(r, 0).text() for r in range(3)]
    assert names == ["Máy văn phòng (máy này)", "Máy ở nhà", "Máy cũ (đã vô hiệu hoá)"]
    assert dialog.table.item(2, 2).text() == "\u2014"  # never seen
    dialog.table.selectRow(0)
    assert not dialog.revoke_button.isEnabled()  # this computer cannot revoke itself
    dialog.table.selectRow(2)
    assert not dialog.revoke_button.isEnabled()  # already revoked
    dialog.table.selectRow(1)
    assert dialog.revoke_button.isEnabled()

    dialog.revoke_button.click()
    _answer_revoke(qtbot, dialog, "Hủy")  # cancelled: nothing asked of the server
    assert revoked == []
    dialog.table.selectRow(1)
    dialog.revoke_button.click()
    _answer_revoke(qtbot, dialog, "Vô hiệu hoá")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3 and any(
        dialog.table.item(r, 0).text() == "Máy ở nhà (đã vô hiệu hoá)" for r in range(3)), timeout=WAIT)
    assert [d for d, _thread in revoked] == ["d-home"]
    assert revoked[0][1] != threading.main_thread().name  # on the network lane, not the GUI thread


class Unreachable(PaperlessError):
    en = "Cannot reach the office server ({address})."
    vi = "Không kết nối được máy chủ văn phòng ({address})."


def test_the_dialog_says_when_the_server_cannot_be_asked(qtbot, tasks: Tasks, vietnamese) -> None:  # type: ignore[no-untyped-def]
    def fail() -> list[DeviceInfo]:
        raise Unreachable(address="10.0.0.5:8443")

    dialog = DevicesDialog(tasks, tasks.network, fail, lambda _d: None, lambda _d: None, lambda: "vi")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "Không hỏi được" in dialog.message.text(), timeout=WAIT)
    assert "Không kết nối được máy chủ văn phòng (10.0.0.5:8443)." in dialog.message.text()
    assert dialog.table.rowCount() == 0


# -- the menu ------------------------------------------------------------------------------------

def test_the_file_menu_offers_connect_sync_now_on_f5_and_devices(qtbot, tmp_path: Path, people) -> None:  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as make:
        h = make(people, language="vi")
        a = h.window.actions_
        assert a.sync_now.shortcut() == QKeySequence("F5")
        assert a.outline.shortcut() == QKeySequence("F6")  # the outline moved from F5
        texts = [act.text() for act in a.file_menu.actions()]
        assert "&Kết nối máy chủ văn phòng…" in texts and "Đồng &bộ ghi chú ngay" in texts
        assert "&Thiết bị của tôi…" in texts
        assert not a.connect_office.isEnabled() and not a.sync_now.isEnabled()  # locked
        h.unlock()
        assert a.connect_office.isEnabled()
        assert not a.sync_now.isEnabled() and not a.devices.isEnabled()  # not connected yet
        assert "trình đơn Tệp" in a.sync_now.toolTip()
        label = h.window.sync.part.label
        assert label is not None and label.text() == "Chưa kết nối máy chủ văn phòng"
        QCoreApplication.processEvents()
