"""The committee's roster: the members a clerk prepares sessions for, kept across sessions.

A TOML file in the clerk's data folder (``<data dir>/clerk/roster.toml``), written whole or not
at all (:func:`~paperless.core.atomic.atomic_write`), beside the cards the clerk has checked
(``<data dir>/clerk/cards/<fingerprint>.toml``). A card is copied there once its fingerprint was
read back to its owner and accepted: a card found there again is not asked about again
(:meth:`Roster.is_checked`). The roster lists, per member::

    [[members]]
    name = "Nguyễn Văn An"
    position = "Bí thư"
    card = "cards/1234567890….toml"

Names are kept NFC with white space collapsed (as ``session.toml`` compares them); two entries
never share a name or a card.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from paperless.core.atomic import atomic_write
from paperless.core.clerk.draft import toml_text
from paperless.core.consultation.polls import clean_text
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard, load_card
from paperless.core.identity.card import CorruptCardError

ROSTER_FOLDER = "clerk"
ROSTER_FILE = "roster.toml"
CARDS_FOLDER = "cards"
MAX_POSITION = 200
_CARD_PATH = re.compile(CARDS_FOLDER + r"/[0-9]{40}\.toml")  # as card_file_name names them

#: positions a clerk picks from (and may type another)
POSITIONS = ("Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Ủy viên Ban Chấp hành", "Chánh Văn phòng")


class RosterError(PaperlessError):
    en = "The committee's roster {path}: {detail}"
    vi = "Danh sách thành viên {path}: {detail}"


def card_file_name(card: PublicCard) -> str:
    """``<40 digits>.toml``: one file per pair of keys, whatever the name on the card."""
    return "".join(card.fingerprint.split()) + ".toml"


@dataclass(frozen=True)
class RosterEntry:
    name: str
    position: str  # e.g. "Bí thư", "Ủy viên Ban Thường vụ"; "" when not said
    card_file: Path  # the checked copy of the member's card

    def card(self) -> PublicCard:
        """The member's card, read again (:class:`CorruptCardError` if damaged since, or if the file
        holds another card than the one its name — the fingerprint — says: a checked card is only
        ever the one whose fingerprint the clerk read back)."""
        card = load_card(self.card_file)
        if card_file_name(card) != self.card_file.name:
            raise CorruptCardError(path=str(self.card_file), detail=T(
                "it holds another card than its name says", "tệp chứa một thẻ khác với tên của tệp"))
        return card


class Roster:
    """The roster file and the checked cards in ``folder`` (``<data dir>/clerk``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def in_data_folder(cls, root: Path) -> Roster:
        return cls(root / ROSTER_FOLDER)

    @property
    def path(self) -> Path:
        return self.folder / ROSTER_FILE

    @property
    def cards(self) -> Path:
        return self.folder / CARDS_FOLDER

    # -- checked cards -------------------------------------------------------------------------------

    def is_checked(self, card: PublicCard) -> bool:
        """The clerk has accepted this card's fingerprint before (its copy is here and the same)."""
        path = self.cards / card_file_name(card)
        try:
            return path.is_file() and load_card(path) == card
        except PaperlessError:
            return False

    def remember(self, card: PublicCard) -> Path:
        """Keep a copy of ``card`` as checked; its path."""
        path = self.cards / card_file_name(card)
        atomic_write(path, card.to_toml().encode("utf-8"))
        return path

    # -- the roster ----------------------------------------------------------------------------------

    def entries(self) -> list[RosterEntry]:
        """The roster, in its order; empty when there is none yet. RosterError if unreadable."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise self._error(T(f"cannot be read ({exc.__class__.__name__})",
                                f"không đọc được ({exc.__class__.__name__})")) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise self._error(T(f"is not a valid TOML file ({exc})", f"không phải tệp TOML hợp lệ ({exc})")) from None
        raw = data.get("members", [])
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            raise self._error(T("[[members]] is not a list of tables", "[[members]] không phải danh sách bảng"))
        out: list[RosterEntry] = []
        for i, entry in enumerate(raw, start=1):
            name, position, card = entry.get("name"), entry.get("position", ""), entry.get("card")
            if not (isinstance(name, str) and clean_text(name) and isinstance(position, str)
                    and isinstance(card, str) and card):
                raise self._error(T(f"entry {i} needs a name, a card and a position as text",
                                    f"mục {i} cần có tên, thẻ và chức vụ bằng chữ"))
            if not _CARD_PATH.fullmatch(card):  # only a checked card, in cards/, never a path elsewhere
                raise self._error(T(f"the card of entry {i} is not a file in {CARDS_FOLDER}/",
                                    f"thẻ của mục {i} không phải tệp trong thư mục {CARDS_FOLDER}/"))
            out.append(RosterEntry(clean_text(name), clean_text(position), self.folder / card))
        return out

    def find(self, card: PublicCard) -> RosterEntry | None:
        """The entry of this card, if it is on the roster."""
        name = card_file_name(card)
        return next((e for e in self.entries() if e.card_file.name == name), None)

    def save(self, members: list[tuple[str, str, PublicCard]]) -> list[RosterEntry]:
        """Put ``(name, position, card)`` on the roster: an entry of the same card is updated
        (its name and position), others are added at the end. A name already on the roster for
        another card is refused (RosterError), and nothing is written."""
        entries = self.entries()
        for name, position, card in members:
            name, position = clean_text(name), clean_text(position)
            if not name:
                raise self._error(T("a member has no name", "có thành viên chưa có tên"))
            if len(position) > MAX_POSITION:
                raise self._error(T(f"the position of {name} is longer than {MAX_POSITION} characters",
                                    f"chức vụ của {name} dài quá {MAX_POSITION} ký tự"))
            file = self.cards / card_file_name(card)
            other = next((e for e in entries if e.name == name and e.card_file.name != file.name), None)
            if other is not None:
                raise self._error(T(f"'{name}' is already on the roster with another card; "
                                    "remove that entry first if the card changed",
                                    f"'{name}' đã có trong danh sách với một thẻ khác; "
                                    "hãy xóa mục đó trước nếu thẻ đã thay đổi"))
            entry = RosterEntry(name, position, file)
            at = next((i for i, e in enumerate(entries) if e.card_file.name == file.name), None)
            if at is None:
                entries.append(entry)
            else:
                entries[at] = entry
        for _name, _position, card in members:
            self.remember(card)
        self._write(entries)
        return entries

    def remove(self, entry: RosterEntry) -> None:
        """Take ``entry`` off the roster (its checked card stays checked)."""
        self._write([e for e in self.entries() if e.card_file.name != entry.card_file.name])

    def _write(self, entries: list[RosterEntry]) -> None:
        lines = ["# Paperless: the committee's roster, kept by the office for every session.", ""]
        for e in entries:
            lines += ["[[members]]", f"name = {toml_text(e.name)}", f"position = {toml_text(e.position)}",
                      f"card = {toml_text(f'{CARDS_FOLDER}/{e.card_file.name}')}", ""]
        atomic_write(self.path, "\n".join(lines).encode("utf-8"))

    def _error(self, detail: T) -> RosterError:
        return RosterError(path=str(self.path), detail=detail)
