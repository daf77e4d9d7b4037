"""A live language switch reaches the viewer and the search widgets.

The app's own translator (``gui.i18n.Translators`` with ``paperless_vi.qm``) is installed on
the QApplication while a DocumentView, a FindBar and a SearchPanel are shown in English;
their texts must become the Vietnamese ones of ``paperless_vi.ts``, and English again
once it is removed. Expected texts are read from the .ts, not written here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from paperless.core.render import RenderWorker
from paperless.core.search import SessionIndex
from paperless.demo.factory import write_plan
from paperless.gui.i18n import Translators
from paperless.gui.search import FindBar, SearchPanel
from paperless.gui.tasks import Tasks
from paperless.gui.viewer import DocumentView
from paperless.resources import resource_path

WAIT = 15000
TS = resource_path("translations") / "paperless_vi.ts"

Tr = Callable[[str, str], str]


def _ts_translations(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> finished Vietnamese text (the first plural form for %n)."""
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            forms = tr.findall("numerusform")
            text = (forms[0].text if forms else tr.text) or ""
            if text.strip():
                found[(name, message.findtext("source") or "")] = text
    return found


def _qm_folder(tmp_path: Path) -> Path:
    """The folder with paperless_vi.qm as ``make translations`` builds it; built here from the
    .ts (into tmp_path) if it is missing or older than the .ts."""
    qm = TS.with_suffix(".qm")
    if qm.exists() and qm.stat().st_mtime >= TS.stat().st_mtime:
        return TS.parent
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease")
    assert lrelease, "pyside6-lrelease not found"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(tmp_path / "paperless_vi.qm")], check=True)
    return tmp_path


@pytest.fixture
def vietnamese(qapp: QApplication, tmp_path: Path) -> Iterator[Translators]:
    """The app's translator machinery, not installed yet; whatever it installs is removed afterwards."""
    locale = QLocale()
    translators = Translators(qapp, _qm_folder(tmp_path))
    try:
        yield translators
    finally:
        translators.remove()
        translators.setParent(None)
        QLocale.setDefault(locale)


@pytest.fixture
def vi() -> Tr:
    """The Vietnamese of an English source text in a context, as the .ts has it."""
    table = _ts_translations(TS)

    def lookup(context: str, source: str) -> str:
        assert (context, source) in table, f"no finished Vietnamese for {context}: {source!r}"
        text = table[(context, source)]
        assert text != source or not any(c.isalpha() for c in source), f"{context}: {source!r} is not translated"
        return text

    return lookup


def english(_context: str, source: str) -> str:
    return source


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    w = RenderWorker()
    yield w
    w.shutdown()


def _keys(key: QKeySequence.StandardKey | str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def view_texts(view: DocumentView, t: Tr) -> dict[str, tuple[str, str]]:
    """What the view and its toolbar show -> (shown, expected in the language of ``t``)."""
    bar = view.toolbar()
    night_button = bar.widgetForAction(bar.act_night)
    assert night_button is not None
    outline_first = view.outline.topLevelItem(0)
    thumb_first = view.thumbnails.item(0)
    assert outline_first is not None and thumb_first is not None
    tb, dv = "ViewerToolbar", "DocumentView"
    return {
        "toolbar title": (bar.windowTitle(), t(tb, "Document")),
        "sidebar action": (bar.act_sidebar.text(), t(tb, "Pages")),
        "sidebar tip": (bar.act_sidebar.toolTip(), t(tb, "Show or hide the page thumbnails and contents")),
        "fit width": (bar.act_fit_width.text(), t(tb, "Fit width")),
        "fit width tip": (bar.act_fit_width.toolTip(), t(tb, "Fit the page width to the window")),
        "fit page": (bar.act_fit_page.text(), t(tb, "Fit page")),
        "fit page tip": (bar.act_fit_page.statusTip(), t(tb, "Show the whole page")),
        "night": (bar.act_night.text(), t(tb, "Night")),
        "night tip": (bar.act_night.toolTip(), t(tb, "Night mode: light text on a dark page")),
        "night button": (night_button.accessibleName(), t(tb, "Night mode: light text on a dark page")),
        "zoom in tip": (bar.act_zoom_in.toolTip(),
                        t(tb, "Zoom in ({key})").format(key=_keys(QKeySequence.StandardKey.ZoomIn))),
        "actual size tip": (bar.act_actual.toolTip(), t(tb, "Actual size ({key})").format(key=_keys("Ctrl+0"))),
        "zoom item 0": (bar.zoom_box.itemText(0), t(tb, "Fit width")),
        "zoom item 1": (bar.zoom_box.itemText(1), t(tb, "Fit page")),
        "zoom shown": (bar.zoom_box.currentText(), t(tb, "Fit width")),  # the view is in fit-width mode
        "zoom tip": (bar.zoom_box.toolTip(), t(tb, "Zoom: choose a size or type a percentage")),
        "page box tip": (bar.page_box.toolTip(), t(tb, "Current page: type a number and press Enter to go there")),
        "page total": (bar.total.text(), t(tb, "of {count}").format(count=view.page_count())),
        "tab 0": (view.sidebar.tabText(0), t(dv, "Pages")),
        "tab 1": (view.sidebar.tabText(1), t(dv, "Contents")),
        "side panel": (view.sidebar.accessibleName(), t(dv, "Side panel")),
        "thumbnails tip": (view.thumbnails.toolTip(), t("ThumbnailPanel", "Pages: click one to go there")),
        "thumbnails name": (view.thumbnails.accessibleName(), t("ThumbnailPanel", "Page thumbnails")),
        "thumbnail 1 tip": (thumb_first.toolTip(), t("ThumbnailPanel", "Page {page}").format(page=1)),
        "outline tip": (view.outline.toolTip(), t("OutlinePanel", "Contents: click an entry to go there")),
        "outline name": (view.outline.accessibleName(), t("OutlinePanel", "Document outline")),
        "outline entry tip": (outline_first.toolTip(0), t("OutlinePanel", "{title} — page {page}").format(
            title=outline_first.text(0), page=2)),
        "canvas name": (view.canvas.accessibleName(), t("PageCanvas", "Document pages")),
    }


def search_texts(bar: FindBar, panel: SearchPanel, t: Tr) -> dict[str, tuple[str, str]]:
    fb, sp = "FindBar", "SearchPanel"
    first = panel.results_view().item(0)
    assert first is not None
    count = len(panel.hits())
    return {
        "find placeholder": (bar.line_edit().placeholderText(), t(fb, "Find in document")),
        "find action": (bar.find_action.text(), t(fb, "Find in document")),
        "find next action": (bar.next_action.text(), t(fb, "Find next")),
        "find field": (bar.line_edit().accessibleName(), t(fb, "Text to find")),
        "find count": (bar.count_text(), t(fb, "No results")),
        "panel placeholder": (panel.query_edit().placeholderText(), t(sp, "Search all documents")),
        "panel results tip": (panel.results_view().toolTip(), t(sp, "Click or press Enter to open the page")),
        "panel progress": (panel.progress_text(), t(sp, "Indexing… %1/%2 pages").replace("%1", "1").replace("%2", "4")),
        "panel count": (panel.count_text(), t(sp, "%n result(s)").replace("%n", str(count))),
        "panel heading": (first.toolTip(), "Kế hoạch · " + t(sp, "page %1").replace("%1", "1")),
    }


def same(texts: dict[str, tuple[str, str]]) -> None:
    """Every text shown is the one expected (for qtbot.waitUntil: the last failure is reported)."""
    assert {name: pair for name, pair in texts.items() if pair[0] != pair[1]} == {}


def test_the_viewer_follows_a_live_language_switch(qtbot: QtBot, worker: RenderWorker, vietnamese: Translators,
                                                   vi: Tr, tmp_path: Path) -> None:
    view = DocumentView(worker, Tasks())
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    plan = write_plan(tmp_path / "plan.pdf")
    with qtbot.waitSignal(view.document_loaded, timeout=WAIT):
        view.set_document("plan", plan.read_bytes(), title="Kế hoạch", watermark=None, allow_copy=True)
    qtbot.waitUntil(lambda: view.outline.topLevelItemCount() > 0, timeout=WAIT)
    same(view_texts(view, english))

    assert vietnamese.install("vi")
    qtbot.waitUntil(lambda: same(view_texts(view, vi)), timeout=5000)

    vietnamese.remove()
    qtbot.waitUntil(lambda: same(view_texts(view, english)), timeout=5000)


def test_the_canvas_message_follows_a_live_language_switch(qtbot: QtBot, worker: RenderWorker,
                                                           vietnamese: Translators, vi: Tr) -> None:
    view = DocumentView(worker, Tasks())
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.load_failed, timeout=WAIT) as failed:
        view.set_document("broken", b"this is not a pdf", title="Hỏng", watermark=None, allow_copy=True)
    detail = str(failed.args[0]) if failed.args else ""
    source = "“{title}” cannot be displayed: {detail}"
    assert view.canvas.message == source.format(title="Hỏng", detail=detail)

    assert vietnamese.install("vi")
    expected = vi("DocumentView", source).format(title="Hỏng", detail=detail)
    qtbot.waitUntil(lambda: view.canvas.message == expected, timeout=5000)
    vietnamese.remove()
    qtbot.waitUntil(lambda: view.canvas.message == source.format(title="Hỏng", detail=detail), timeout=5000)


def test_the_search_widgets_follow_a_live_language_switch(qtbot: QtBot, vietnamese: Translators, vi: Tr) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    bar = FindBar(Tasks(), host)
    bar.set_document(None, 0)
    bar.show()
    bar.set_query("không có")  # no document: "No results"
    index = SessionIndex()
    index.add_page("plan", 0, "Kế hoạch chuyển đổi số của tỉnh. Chuyển đổi số toàn diện.")
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.set_index(index, {"plan": "Kế hoạch"})
    panel.set_progress(1, 4)
    panel.set_query("chuyen doi so")
    panel.show()
    host.show()
    assert len(panel.hits()) == 2
    same(search_texts(bar, panel, english))

    assert vietnamese.install("vi")
    qtbot.waitUntil(lambda: same(search_texts(bar, panel, vi)), timeout=5000)

    vietnamese.remove()
    qtbot.waitUntil(lambda: same(search_texts(bar, panel, english)), timeout=5000)
    assert QCoreApplication.translate("SearchPanel", "Search results") == "Search results"  # nothing left installed
