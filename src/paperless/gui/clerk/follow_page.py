"""The clerk workspace's Follow page: a published session's receipts, comments, polls and recall.

A self-contained page for the workspace's window (which hosts it): it is given the task layer,
the office server (:class:`~paperless.core.clerk.office.OfficeService`), the session, its folder
and the clerk's unlocked identity (to open the members' sealed comments), and keeps no reference
to any window.

Refreshing (the button, F5, and every minute while the page is shown) runs on the task layer's
network lane, never on the GUI thread: receipts, recall confirmations and the sealed envelopes
are fetched, the envelopes opened and checked, and the page shows the result with "as of HH:MM".
When the server cannot be reached or refuses, one line says so and the last data stays on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from paperless.core.clerk.follow import AnswersStore, ReceiptGrid, receipts_grid
from paperless.core.clerk.office import OfficeService, RecallEntry
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.session import SessionSpec
from paperless.gui.clerk.follow_office import Consultation, consult, export_table
from paperless.gui.clerk.follow_views import CommentsView, PollsView, RecallView, ReceiptsView
from paperless.gui.tasks import Scope, Tasks

REFRESH_MS = 60_000
EXPORT_STEM = "Bang-tong-hop-y-kien"


class OfficeUnreachableError(PaperlessError):
    en = "Cannot reach the office server ({detail})."
    vi = "Không kết nối được máy chủ của Văn phòng ({detail})."


def unreachable(exc: OSError) -> OfficeUnreachableError:
    """The one line for a network failure, in the user's words (the system's text only when it is
    none of the usual ones)."""
    if isinstance(exc, ConnectionRefusedError):
        detail: object = T("it did not accept the connection; it may not be running",
                           "máy chủ không nhận kết nối, có thể chưa được bật")
    elif isinstance(exc, TimeoutError):
        detail = T("it did not answer in time", "máy chủ không trả lời kịp")
    elif isinstance(exc, ConnectionError):
        detail = T("the connection was cut", "kết nối bị ngắt")
    else:
        detail = exc.strerror or str(exc) or type(exc).__name__
    return OfficeUnreachableError(detail=detail)


@dataclass
class FollowData:
    at: datetime
    grid: ReceiptGrid
    recalls: list[RecallEntry]
    consultation: Consultation | None
    consultation_problem: PaperlessError | None  # why comments and polls could not be read
    answers: AnswersStore | None
    answers_problem: PaperlessError | None


class FollowPage(QWidget):
    refreshed = Signal()  # new data on screen
    refresh_failed = Signal(str)  # the line shown
    recalled = Signal(object)  # the item recalled (None: the whole session)
    exported = Signal(list)  # [Path] written

    def __init__(self, tasks: Tasks, office: OfficeService, spec: SessionSpec, folder: Path,
                 identity: UnlockedIdentity | None, *, language: Callable[[], str] = lambda: "vi",
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 office_name: str = "VĂN PHÒNG TỈNH ỦY", place: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followPage")
        self._tasks, self._office, self._identity = tasks, office, identity
        self._language, self._clock = language, clock
        self._office_name, self._place = office_name, place
        self._scope: Scope = tasks.scope()
        self._spec, self._folder = spec, folder
        self._data: FollowData | None = None
        self._answers: AnswersStore | None = None
        self._loading = False
        self._again = False
        self._error: str | None = None

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel(self)
        self.status.setObjectName("followStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("followRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.receipts = ReceiptsView(self)
        self.comments = CommentsView(self)
        self.polls = PollsView(self)
        self.recall = RecallView(self)
        self.tabs = QTabWidget(self)
        for view in (self.receipts, self.comments, self.polls, self.recall):
            self.tabs.addTab(view, "")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self.comments.answer_edited.connect(self._answer_edited)
        self.comments.export_requested.connect(self.export)
        self.recall.recall_requested.connect(self.ask_recall)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for n in range(4):
            QShortcut(QKeySequence(f"Alt+{n + 1}"), self, lambda n=n: self.tabs.setCurrentIndex(n),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.last_dialog: QMessageBox | None = None
        self.recall.set_session(spec)
        self.retranslate()

    # -- the session ---------------------------------------------------------------------------------
    @property
    def spec(self) -> SessionSpec:
        return self._spec

    @property
    def data(self) -> FollowData | None:
        return self._data

    def set_session(self, spec: SessionSpec, folder: Path) -> None:
        """Another published session: what was shown goes; a refresh under way is dropped."""
        self.comments.commit_answer()
        self._scope.renew()
        self._spec, self._folder = spec, folder
        self._data, self._answers, self._error, self._loading = None, None, None, False
        self.recall.set_session(spec)
        self.retranslate()
        if self.isVisible():
            self.refresh()

    # -- refreshing ----------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()
        data = self._data
        if data is None or (self._clock() - data.at).total_seconds() * 1000 >= REFRESH_MS:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        self.comments.commit_answer()
        super().hideEvent(event)

    def refresh(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        office, spec, identity, folder, known = self._office, self._spec, self._identity, self._folder, self._answers
        now = self._clock()

        def load() -> FollowData:
            try:
                receipts = office.receipts(spec.session_id)
                recalls = office.recall_status(spec.session_id)
                held = office.envelopes(spec.session_id) if identity is not None else []
            except OSError as exc:
                raise unreachable(exc) from None
            consultation, problem = None, None
            if identity is not None:
                try:
                    consultation = consult(held, spec, identity)
                except PaperlessError as exc:
                    problem = exc
            answers, answers_problem = known, None
            if answers is None:
                try:
                    answers = AnswersStore.open(folder)
                except PaperlessError as exc:
                    answers_problem = exc
            return FollowData(now, receipts_grid(spec, receipts, now), recalls, consultation, problem, answers,
                              answers_problem)

        self.status.setText(self.tr("Updating from the office server…") if self._data is None else self.status.text())
        self._scope.run(self._tasks.network, load, self._loaded, self._failed)

    def _done_loading(self) -> None:
        self._loading = False
        if self._again:
            self.refresh()

    def _loaded(self, data: FollowData) -> None:
        self._data, self._error = data, None
        if self._answers is None:
            self._answers = data.answers
        self._show()
        self._done_loading()
        self.refreshed.emit()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PaperlessError):
            self._done_loading()
            self._tasks.report(exc)
            return
        self._error = exc.message(self._language())
        self._show_status()
        self._done_loading()
        self.refresh_failed.emit(self.status.text())

    # -- showing -------------------------------------------------------------------------------------
    def _show(self) -> None:
        data = self._data
        self._show_status()
        if data is None:
            return
        self.receipts.show_grid(data.grid)
        self.recall.show_status(data.recalls)
        lang = self._language()
        if data.consultation is not None:
            answers = self._answers.snapshot() if self._answers is not None else {}
            self.comments.show_groups(data.consultation.groups, answers,
                                      [e.message(lang) for e in data.consultation.refused])
            self.comments.answer.setReadOnly(self._answers is None)
            self.polls.show_tallies(data.consultation.polls)
        else:
            problem = data.consultation_problem
            text = problem.message(lang) if problem is not None else self.tr(
                "Unlock the office's identity to read the members' comments and poll answers.")
            self.comments.summary.setText(text)
            self.polls.summary.setText(text)
        if data.answers_problem is not None:
            self.comments.export_status.setText(data.answers_problem.message(lang))

    def _show_status(self) -> None:
        data = self._data
        if self._error is not None:
            kept = (self.tr(" Shown: the data as of {time}.").format(time=data.at.astimezone().strftime("%H:%M"))
                    if data is not None else "")
            self.status.setText("⚠ " + self._error + kept)
            self.status.setStyleSheet("color: #8a1c1c; font-weight: bold;")
        elif data is not None:
            self.status.setText(self.tr("As of {time}; updated every minute while this page is shown (F5: now).")
                                .format(time=data.at.astimezone().strftime("%H:%M")))
            self.status.setStyleSheet("")

    def retranslate(self) -> None:
        for view in (self.receipts, self.comments, self.polls, self.recall):
            view.retranslate()
        self.heading.setText(self.tr("Follow: {title}").format(title=self._spec.title))
        self.refresh_button.setText(self.tr("Refresh (F5)"))
        for index, title in enumerate((self.tr("Receipts"), self.tr("Comments"), self.tr("Polls"),
                                       self.tr("Recall"))):
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, f"Alt+{index + 1}")
        if self._data is None and self._error is None:
            self.status.setText(self.tr("Not yet updated from the office server."))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- answers and the table -------------------------------------------------------------------------
    def _answer_edited(self, comment_id: str, text: str) -> None:
        store = self._answers
        if store is None or not store.set(comment_id, text):
            return
        self._tasks.pool.run(store.save, None, self._save_failed)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PaperlessError):
            self.comments.export_status.setText("⚠ " + exc.message(self._language()))
        else:
            self._tasks.report(exc)

    def export(self) -> None:
        """The consolidation table, with the office's answers, as DOCX and XLSX in the session folder."""
        self.comments.commit_answer()
        data = self._data
        if data is None or data.consultation is None:
            problem = data.consultation_problem if data is not None else None
            self.comments.export_status.setText(problem.message(self._language()) if problem is not None else self.tr(
                "Nothing to export yet: refresh from the office server first (F5)."))
            return
        answers = self._answers.snapshot() if self._answers is not None else {}
        collected, folder, now = data.consultation.collected, self._folder, self._clock()
        office_name, place = self._office_name, self._place
        self.comments.export_button.setEnabled(False)
        self.comments.export_status.setText(self.tr("Writing the consolidation table…"))

        def write() -> list[Path]:
            return export_table(collected, answers, folder, EXPORT_STEM, office_name=office_name, place=place,
                                now=now)

        self._scope.run(self._tasks.pool, write, self._exported, self._export_failed)

    def _exported(self, paths: list[Path]) -> None:
        self.comments.export_button.setEnabled(True)
        links = ", ".join(f'<a href="{QUrl.fromLocalFile(str(p)).toString()}">{p.name}</a>' for p in paths)
        folder = QUrl.fromLocalFile(str(self._folder)).toString()
        self.comments.export_status.setText(self.tr("Written: {files} in the session's folder (<a href=\"{folder}\">"
                                                    "open the folder</a>).").format(files=links, folder=folder))
        self.exported.emit(paths)

    def _export_failed(self, exc: BaseException) -> None:
        self.comments.export_button.setEnabled(True)
        if isinstance(exc, PaperlessError):
            self.comments.export_status.setText("⚠ " + exc.message(self._language()))
        else:
            self._tasks.report(exc)

    # -- recall --------------------------------------------------------------------------------------
    def ask_recall(self, item: int | None) -> None:
        spec = self._spec
        if item is None:
            question = self.tr("Recall the whole session “{title}” from every member's computer?").format(
                title=spec.title)
            info = self.tr(
                "At its next connection to the office server, each computer deletes the session's documents: "
                "the file, its copies, its pages and its search index. This cannot be undone: to give the "
                "documents back, publish the session again as a new version.")
        else:
            question = self.tr("Recall item {n}. {title} from every member's computer?").format(
                n=item + 1, title=spec.items[item].title)
            info = self.tr(
                "One file holds every item of the session, so each computer deletes its whole copy of the "
                "session at its next connection. To let members keep reading the other items, publish a new "
                "version without this item. This cannot be undone.")
        if self._clock() < spec.starts_at:
            info += "\n\n" + self.tr("⚠ The meeting has not started yet (it starts at {when}).").format(
                when=spec.starts_at.strftime("%H:%M %d/%m/%Y"))
        info += "\n\n" + self.tr("Each computer confirms in the table on this page.")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Recall"), question, QMessageBox.StandardButton.NoButton,
                          self)
        box.setObjectName("recallConfirm")
        box.setInformativeText(info)
        yes = box.addButton(self.tr("Recall"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.finished.connect(lambda _r: self._recall(item) if box.clickedButton() is yes else None)
        box.finished.connect(box.deleteLater)
        self.last_dialog = box
        box.open()

    def _recall(self, item: int | None) -> None:
        office, sid = self._office, self._spec.session_id

        def send() -> None:
            try:
                office.recall(sid, item)
            except OSError as exc:
                raise unreachable(exc) from None

        self.recall.summary.setText(self.tr("Sending the recall to the office server…"))

        def sent(_: None) -> None:
            self.recall.summary.setText(self.tr("Recall of {what} sent. Each computer carries it out at its next "
                                                "connection and confirms here.").format(what=self.recall.what(item)))
            self.recalled.emit(item)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, PaperlessError):
                self._tasks.report(exc)
                return
            self.recall.summary.setText("⚠ " + self.tr("The recall was not sent: {why}").format(
                why=exc.message(self._language())))

        self._scope.run(self._tasks.network, send, sent, failed)

    def close_page(self) -> None:
        """Stop refreshing; keep what was typed."""
        self._timer.stop()
        self.comments.commit_answer()
        self._scope.close()

