"""Find in the document (FindBar) and search the whole session (SearchPanel)."""

from paperless.gui.search.find_bar import FindBar, WordsCallback, WordSource
from paperless.gui.search.matches import FindHit, FindState
from paperless.gui.search.search_panel import SearchPanel

__all__ = ["FindBar", "FindHit", "FindState", "SearchPanel", "WordSource", "WordsCallback"]
