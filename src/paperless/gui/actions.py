"""The main window's menus and actions: File, Edit, View, Language, Help.

Texts are set in ``retranslate`` (called again on a language switch). Whether an action is
enabled, and its tip, come from one function of the app's state (``gui.action_state``) through
:meth:`Actions.apply`; a tooltip is the tip's sentence plus the shortcut. Icons come from
``set_icons``, drawn in the palette's text colour (called again when the palette changes).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from paperless.gui.action_state import ActionState
from paperless.gui.icons import Icons

ICONS = {"open": "open", "zoom_in": "zoom-in", "zoom_out": "zoom-out", "fit_width": "fit-width",
         "fit_page": "fit-page", "night": "night", "full_screen": "full-screen", "search_panel": "search"}


def _tip(sentence: str, action: QAction) -> str:
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{sentence} ({key})" if key else sentence


class Actions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        bar = window.menuBar()

        def act(checkable: bool = False, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                ) -> QAction:
            a = QAction(window)
            a.setCheckable(checkable)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            window.addAction(a)  # shortcuts work in full screen too, without the menu bar
            return a

        self.file_menu = QMenu(bar)
        self.open = act(shortcut=QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu(self.file_menu)
        self.library = act(shortcut="Ctrl+L")
        self.close_session = act(shortcut=QKeySequence.StandardKey.Close)
        self.trust_card = act()
        self.save_card = act()
        self.export_pdf = act()
        self.export_notes = act()
        self.print_ = act(shortcut=QKeySequence.StandardKey.Print)
        self.connect_office = act()
        self.sync_now = act(shortcut="F5")  # a round, then any new session is fetched
        self.fetch_sessions = act()
        self.devices = act()
        self.clerk_workspace = act(shortcut="Ctrl+Shift+K")  # the office's clerk only (hidden for members)
        self.lock = act(shortcut="Ctrl+Alt+L")  # Ctrl+L is the library's
        self.quit = act(shortcut=QKeySequence.StandardKey.Quit)
        self.file_menu.addAction(self.open)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(self.library)
        self.file_menu.addAction(self.close_session)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_pdf)
        self.file_menu.addAction(self.export_notes)
        self.file_menu.addAction(self.print_)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.trust_card)
        self.file_menu.addAction(self.save_card)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.connect_office)
        self.file_menu.addAction(self.sync_now)
        self.file_menu.addAction(self.fetch_sessions)
        self.file_menu.addAction(self.devices)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.clerk_workspace)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock)
        self.file_menu.addAction(self.quit)

        self.edit_menu = QMenu(bar)  # the member's annotations: undo, redo (see add_undo_actions), bookmarks
        self.undo: QAction | None = None
        self.redo: QAction | None = None
        self.bookmark = act(shortcut="Ctrl+D")
        self.edit_menu.addAction(self.bookmark)

        self.view_menu = QMenu(bar)
        self.search_panel = act(checkable=True, shortcut="Ctrl+Shift+F")
        self.zoom_in = act(shortcut=QKeySequence.StandardKey.ZoomIn)
        self.zoom_out = act(shortcut=QKeySequence.StandardKey.ZoomOut)
        self.fit_width = act(shortcut="Ctrl+2")
        self.fit_page = act(shortcut="Ctrl+1")
        self.actual_size = act(shortcut="Ctrl+0")
        self.night = act(checkable=True, shortcut="Ctrl+Shift+N")
        self.full_screen = act(checkable=True)
        self.thumbnails = act(checkable=True, shortcut="F4")
        self.outline = act(checkable=True, shortcut="F6")
        self.agenda = act(checkable=True, shortcut="F9")
        self.notes_panel = act(checkable=True, shortcut="F8")
        self.comments_panel = act(checkable=True, shortcut="F7")  # shown only where there is something to comment on
        for a in (self.search_panel, None, self.zoom_in, self.zoom_out, self.fit_width, self.fit_page,
                  self.actual_size, None, self.night, self.full_screen, None, self.agenda, self.notes_panel,
                  self.comments_panel, self.thumbnails, self.outline):
            if a is None:
                self.view_menu.addSeparator()
            else:
                self.view_menu.addAction(a)

        self.language_menu = QMenu(bar)
        self.languages = QActionGroup(window)
        self.lang_vi = QAction("Tiếng Việt", window, checkable=True)
        self.lang_en = QAction("English", window, checkable=True)
        self.lang_vi.setData("vi")
        self.lang_en.setData("en")
        for a in (self.lang_vi, self.lang_en):
            self.languages.addAction(a)
            self.language_menu.addAction(a)

        self.help_menu = QMenu(bar)
        self.about = act()
        self.help_menu.addAction(self.about)

        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.language_menu, self.help_menu):
            bar.addMenu(menu)
        self.full_screen.setShortcuts(self._full_screen_keys(window))
        self.retranslate()

    @staticmethod
    def _full_screen_keys(window: QMainWindow) -> list[QKeySequence]:
        """F11 first (what the menu shows), then the platform's own (Windows: Alt+Enter), minus
        any another action already uses (KDE's Ctrl+Shift+F is "search the whole session")."""
        taken = {key for a in window.actions() for key in a.shortcuts()}
        keys = [QKeySequence("F11")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen):
            if key not in keys and key not in taken:
                keys.append(key)
        return keys

    def add_undo_actions(self, undo: QAction, redo: QAction) -> None:
        """Edit ▸ Undo and Redo are the annotation toolbar's own actions (one action per key:
        no ambiguous shortcut; the viewer knows what one step is, e.g. a group of pen strokes)."""
        self.undo, self.redo = undo, redo
        first = self.edit_menu.actions()[0]
        self.edit_menu.insertActions(first, [undo, redo])
        self.edit_menu.insertSeparator(first)

    def set_icons(self, icons: Icons, colour: QColor) -> None:
        for attr, name in ICONS.items():
            action: QAction = getattr(self, attr)
            action.setIcon(icons.tinted(name, colour))

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.open.setText(self.tr("&Open a session file\u2026"))
        self.recent_menu.setTitle(self.tr("&Recent sessions"))
        self.library.setText(self.tr("Sessions on this &computer"))
        self.close_session.setText(self.tr("&Close the session"))
        self.trust_card.setText(self.tr("&Trust an office card\u2026"))
        self.save_card.setText(self.tr("&Save my public card\u2026"))
        self.export_pdf.setText(self.tr("&Export annotated PDF\u2026"))
        self.export_notes.setText(self.tr("Export my &notes\u2026"))
        self.connect_office.setText(self.tr("Connect to the office ser&ver\u2026"))
        self.sync_now.setText(self.tr("S&ync my notes now"))
        self.fetch_sessions.setText(self.tr("&Fetch new sessions"))
        self.devices.setText(self.tr("My &devices\u2026"))
        self.clerk_workspace.setText(self.tr("Clerk's &workspace\u2026"))
        self.lock.setText(self.tr("&Lock now"))
        self.quit.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.bookmark.setText(self.tr("&Bookmark this page"))
        self.view_menu.setTitle(self.tr("&View"))
        self.search_panel.setText(self.tr("&Search the whole session"))
        self.zoom_in.setText(self.tr("Zoom &in"))
        self.zoom_out.setText(self.tr("Zoom &out"))
        self.fit_width.setText(self.tr("Fit &width"))
        self.fit_page.setText(self.tr("Fit &page"))
        self.actual_size.setText(self.tr("&Actual size"))
        self.night.setText(self.tr("&Night reading mode"))
        self.full_screen.setText(self.tr("F&ull screen"))
        self.agenda.setText(self.tr("A&genda"))
        self.notes_panel.setText(self.tr("My &notes"))
        self.comments_panel.setText(self.tr("&Comments to the office"))
        self.thumbnails.setText(self.tr("&Thumbnails"))
        self.outline.setText(self.tr("O&utline"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about.setText(self.tr("&About Paperless"))
        self.print_.setText(self.tr("&Print…"))

    def apply(self, states: Mapping[str, ActionState], *, has_sessions: bool) -> None:
        """Enable the actions and set their tips as ``states`` says (see ``gui.action_state``)."""
        for name, state in states.items():
            action: QAction = getattr(self, name)
            action.setEnabled(state.enabled)
            action.setToolTip(_tip(state.tip, action))
            action.setStatusTip(state.tip)
        self.recent_menu.setEnabled(states["open"].enabled and has_sessions)
        self.clerk_workspace.setVisible(states["clerk_workspace"].enabled)  # members never see it
