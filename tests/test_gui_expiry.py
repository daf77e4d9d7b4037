"""Issue 8 §3: expiry is decided at every access, not once when the session is opened.

A session opened before its expiry, in an app left running across it, closes its documents and
shows the banner; printing and exporting stop, also in the middle of a job."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_helpers import People, unlock, write_session
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses

from paperless.core.bundle import ExpiredError, build_bundle
from paperless.core.session import load_session
from paperless.gui import session as session_module

pytestmark = OFFSCREEN_NOISE
WAIT = 30_000
BEFORE = datetime(2029, 12, 31, 16, 0, tzinfo=UTC)  # 23:00 on 31/12/2029 in Hà Nội
AFTER = datetime(2029, 12, 31, 17, 1, tzinfo=UTC)  # 00:01 on 01/01/2030


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


@pytest.fixture(scope="module")
def expiring(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    root = tmp_path_factory.mktemp("expiring")
    session = write_session(root, people, expires="2030-01-01T00:00:00+07:00",
                            extra="\n[policy]\nwatermark = true\nallow_print = true\n")
    return build_bundle(load_session(session), unlock(people.clerk), root / "expiring.paperless",
                        now=datetime(2029, 12, 1, tzinfo=UTC)).path


def reading(qtbot, make, bundle: Path, people: People, now: list[datetime]) -> Harness:  # type: ignore[no-untyped-def]
    h: Harness = make(people)
    h.services.clock = lambda: now[0]
    h.unlock()
    h.open(bundle)
    h.wait_document()
    qtbot.waitUntil(lambda: h.window.printing.document is not None and h.window.notes.controller.active,
                    timeout=WAIT)
    return h


def test_a_session_running_across_its_expiry_closes_its_documents(qtbot, make, expiring: Path,  # type: ignore[no-untyped-def]
                                                                  people: People) -> None:
    now = [BEFORE]
    h = reading(qtbot, make, expiring, people, now)
    w = h.window
    a = w.actions_
    assert a.print_.isEnabled() and a.export_pdf.isEnabled() and w.session.cache.entries()
    now[0] = AFTER
    with qtbot.waitSignal(w.session.session_expired, timeout=WAIT):
        assert w.session.check_expiry()
    canvas = w.reader.view.canvas
    assert canvas.message.startswith("This session expired on 00:00, 01/01/2030")
    assert "expired" in w.agenda.banner.text and w.reader.view.page_count() == 0
    assert not a.print_.isEnabled() and not a.export_pdf.isEnabled()
    assert w.session.cache.entries() == [] and w.session.current is None  # decrypted copies dropped
    with qtbot.waitSignal(w.session.document_refused, timeout=WAIT) as refused:
        w.session.open_document("documents/0002.age")
    assert isinstance(refused.args[1], ExpiredError)
    opened = w.session.opened
    assert opened is not None
    with pytest.raises(ExpiredError):
        opened.read_document("documents/0001.age")
    w.switch_language("vi")
    qtbot.waitUntil(lambda: "hết hạn" in canvas.message, timeout=WAIT)


def test_the_app_notices_by_itself(qtbot, make, expiring: Path, people: People,  # type: ignore[no-untyped-def]
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "EXPIRY_CHECK_MS", 50)
    now = [BEFORE]
    h = reading(qtbot, make, expiring, people, now)
    with qtbot.waitSignal(h.window.session.session_expired, timeout=WAIT):
        now[0] = AFTER  # nobody asks: the session's own timer does
    assert h.window.reader.view.page_count() == 0


def test_printing_stops_when_the_session_expires_mid_job(qtbot, make, expiring: Path, people: People,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    now = [BEFORE]
    h = reading(qtbot, make, expiring, people, now)
    w = h.window
    out = tmp_path / "printed.pdf"
    h.files.printer_answers = [(out, 0, 0)]
    with qtbot.waitSignal(w.printing.finished, timeout=WAIT) as done:
        w.actions_.print_.trigger()
        assert w.printing.busy  # the job began while the session was valid
        now[0] = AFTER  # before the first page is drawn
    assert done.args == [0, None] and not w.printing.busy
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    assert not w.actions_.print_.isEnabled() and w.reader.view.page_count() == 0


def test_setting_the_clock_back_does_not_revive_an_expired_session(qtbot, make, expiring: Path,  # type: ignore[no-untyped-def]
                                                                   people: People) -> None:
    now = [AFTER]
    h: Harness = make(people)
    h.services.clock = lambda: now[0]
    h.unlock()
    h.open(expiring)
    assert h.window.session.expired
    h.window.close_session()  # saves the library: the latest time seen goes with it
    now[0] = BEFORE  # the member sets the clock back and opens it again
    h.open(expiring)
    assert h.window.session.expired and h.window.reader.view.page_count() == 0
    assert h.window.reader.view.canvas.message.startswith("This session expired")


def test_an_export_chosen_before_the_expiry_is_not_made_after_it(qtbot, make, expiring: Path,  # type: ignore[no-untyped-def]
                                                                  people: People, tmp_path: Path) -> None:
    now = [BEFORE]
    h = reading(qtbot, make, expiring, people, now)
    w = h.window
    out = tmp_path / "annotated.pdf"

    def slow_member(*_args: object) -> Path:  # the file dialog stays open across midnight
        h.files.asked.append("save")
        now[0] = AFTER
        return out

    h.files.save_file = slow_member  # type: ignore[method-assign]
    w.notes.exporter.warn = False
    with qtbot.waitSignal(w.session.session_expired, timeout=WAIT):
        w.actions_.export_pdf.trigger()
    assert h.files.asked[-1] == "save"
    h.wait_idle()
    assert not out.exists() and not w.notes.exporter.busy and not w.actions_.export_pdf.isEnabled()
