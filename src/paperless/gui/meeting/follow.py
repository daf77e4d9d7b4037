"""Following the presenter in the member's own viewer (issue 14).

:class:`Follower` keeps the reader on the document and page being presented (zoom to fit the page)
until the member browses on their own — a page key, scrolling to another page, another document —
then it shows a banner "Presenter is on page 12 — Follow" and one click (or the shortcut) brings
them back. Annotating never moves a page, so it never breaks following. A presented item the
member may not read shows "Restricted document — not available to you" in the page area, never
its content. It knows only the session controller and the reader pane; no network, no window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from paperless.core.model import LoadedDocument
from paperless.gui.banner import Banner
from paperless.gui.reader import ReaderPane
from paperless.gui.session import SessionController

FOLLOW_KEY = "Ctrl+Shift+T"  # back to following (also the banner's button)
SETTLE_MS = 400  # after the viewer was moved here, its own page changes are the move settling, not the member


@dataclass(frozen=True)
class Place:
    """What is presented: ``entry`` (None: nothing to show), ``page`` from 1, readable by this member;
    the item ("3. Nhân sự") and the document's title, to name them."""

    entry: str | None
    page: int
    readable: bool
    item: str = ""
    title: str = ""


class Follower(QObject):
    following_changed = Signal(bool)
    arrived = Signal()  # the viewer shows the presented place (or the restricted notice)
    restricted = Signal(str)  # the presented document (entry) is one the member may not read: the notice shows

    def __init__(self, session: SessionController, reader: ReaderPane, parent: QWidget) -> None:
        super().__init__(parent)
        self._session, self._reader = session, reader
        self.banner = Banner(parent)
        self.banner.setObjectName("followBanner")
        self.banner.action_clicked.connect(self.follow)
        self.active = False  # in the meeting (and not presenting from this viewer)
        self.following = True
        self.place: Place | None = None
        self.restricted_shown = False  # the page area shows the restricted notice
        self._waiting: str | None = None  # the entry being opened to follow
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        reader.page_changed.connect(self._page_changed)
        session.document_ready.connect(self._document_ready)
        session.document_refused.connect(self._document_refused)
        self.retranslate()

    @property
    def settling(self) -> bool:
        """The viewer was moved here a moment ago: its page changes now are that move settling."""
        return self._settle.isActive()

    # -- driven by the meeting -----------------------------------------------------------------------
    def start(self) -> None:
        self.active, self.following = True, True
        self._show()

    def stop(self) -> None:
        """Out of the meeting (or presenting from here): the viewer is the member's own again."""
        self.active = False
        self._waiting = None
        self.banner.clear()
        if self.restricted_shown:  # the member's own document again
            self.restricted_shown = False
            current = self._session.current
            if current is not None:
                self._session.open_document(current)
            else:
                self._reader.show_message("")

    def present(self, place: Place | None) -> None:
        """The presenter moved (or the state was restored after a reconnect)."""
        if place == self.place and (not self.following or self._at(place)):
            return
        self.place = place
        self._show()

    def follow(self) -> None:
        """Back to following (the banner's button, the shortcut)."""
        if not self.active:
            return
        self.following = True
        self.following_changed.emit(True)
        self._show()

    def browse_freely(self) -> None:
        if not self.active or not self.following:
            return
        self.following = False
        self._waiting = None
        if self.restricted_shown:
            self.restricted_shown = False
        self.following_changed.emit(False)
        self._update_banner()

    # -- what the viewer does ----------------------------------------------------------------------------
    def _at(self, place: Place | None) -> bool:
        view = self._reader.view
        if place is None or place.entry is None:
            return True
        if not place.readable:
            return self.restricted_shown
        return view.document_id() == place.entry and view.page_count() > 0 and view.current_page() == place.page - 1

    def _show(self) -> None:
        self._update_banner()
        if not self.active or not self.following:
            return
        place = self.place
        if place is None or place.entry is None:
            return
        view = self._reader.view
        view.finish_annotation_editing()  # a note being typed is saved, not lost, when the page moves
        self._settle.start()
        if not place.readable:
            self._waiting = None
            self.restricted_shown = True
            self._reader.show_message(self._restricted_text(place))
            self.restricted.emit(place.entry)
            self.arrived.emit()
            return
        self.restricted_shown = False
        if view.document_id() == place.entry and view.page_count() > 0:
            view.go_to_page(place.page - 1)
            view.fit_page()
            self.arrived.emit()
            return
        self._reader.pending_page = place.page - 1
        if self._waiting == place.entry:
            return  # already opening: it opens at the latest page
        self._waiting = place.entry
        self._session.open_document(place.entry)

    def _document_ready(self, doc: LoadedDocument) -> None:
        if not self.active or not self.following:
            return
        place = self.place
        if doc.entry == self._waiting and place is not None and place.entry == doc.entry:
            self._waiting = None
            self._settle.start()
            view = self._reader.view
            view.fit_page()
            view.go_to_page(place.page - 1)
            self.arrived.emit()
        elif self._waiting is None and (place is None or doc.entry != place.entry):
            self.browse_freely()  # the member opened another document

    def _document_refused(self, entry: str, _exc: object) -> None:
        if entry == self._waiting:
            self._waiting = None

    def _page_changed(self, page: int, count: int) -> None:
        if self.active and not self.following:
            self._update_banner()  # "… of “title”" once the member is in another document
        if not self.active or not self.following or page < 0 or count == 0:
            return
        place = self.place
        if place is None or place.entry is None or not place.readable or self._waiting is not None:
            return
        if self._reader.view.document_id() != place.entry or page == place.page - 1:
            return
        if self._settle.isActive():  # the move settling (the zoom, the layout): put it back
            self._reader.view.go_to_page(place.page - 1)
            return
        self.browse_freely()

    def _update_banner(self) -> None:
        place = self.place
        if not self.active or self.following or place is None or place.entry is None:
            self.banner.clear()
            return
        if place.readable and (place.entry == self._reader.view.document_id() or not place.title):
            text = self.tr("The presenter is on page %1").replace("%1", str(place.page))
        elif place.readable:
            text = self.tr("The presenter is on page %1 of \u201c%2\u201d").replace("%1", str(place.page)).replace(
                "%2", place.title)
        else:
            text = self.tr("The presenter is showing a document that is not available to you")
        self.banner.show_message(text, "info", action=self.tr("Follow the presenter"))

    def retranslate(self) -> None:
        self.banner.action.setToolTip(self.tr("Go back to the page the presenter is showing (%1)")
                                      .replace("%1", FOLLOW_KEY))
        self._update_banner()
        if self.restricted_shown and self.place is not None:
            self._reader.show_message(self._restricted_text(self.place))

    def _restricted_text(self, place: Place) -> str:
        text = self.tr("Restricted document \u2014 not available to you")
        if place.item:
            text += "\n\n" + self.tr("Item %1 is being presented. Your screen follows the presenter again "
                                       "when they move on.").replace("%1", place.item)
        return text
