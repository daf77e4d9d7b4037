"""The demo meeting (``resources/demo/meeting.toml``): a session of the Standing Committee of
a fictional provincial Party Committee ("Tỉnh ủy Vân Sơn"; no real province is called Vân Sơn).

Plain frozen records, so that ``paperless demo`` can write the clerk's session.toml from
them; document names are the file names written by
:func:`paperless.demo.documents.DemoWriter.write_all`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from paperless.demo.data import Section


@dataclass(frozen=True)
class DemoMember:
    name: str
    position: str
    folder: str = ""  # the identity folder ``paperless demo`` makes for the member


@dataclass(frozen=True)
class DemoItem:
    number: int
    title: str
    presenter: str
    documents: tuple[str, ...]
    restricted_to: tuple[str, ...] = ()  # names of the members allowed; empty = everyone
    start: datetime | None = None
    minutes: int = 30
    level: str = ""  # secrecy level in session.toml's spelling ("mat", "toi_mat", "tuyet_mat"); "" = none


@dataclass(frozen=True)
class DemoSession:
    title: str
    short_title: str
    organisation: str
    start: datetime
    end: datetime
    location: str
    chair: str
    members: tuple[DemoMember, ...]
    clerk: str
    items: tuple[DemoItem, ...]

    @property
    def member_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(d for item in self.items for d in item.documents)


@dataclass(frozen=True)
class DemoFile:
    """A document of the session as the agenda lists it."""

    file: str  # "baocao_quy4.pdf"
    title: str
    note: str  # "Dự thảo", "Mật", … or ""
    code: str  # "Mã tài liệu" printed on page 1: "BTV12-02-BC"


@dataclass(frozen=True)
class Meeting:
    session: DemoSession
    province: str  # the place in every document's date line
    files: tuple[DemoFile, ...]

    def file(self, name: str) -> DemoFile:
        for f in self.files:
            if f.file == name:
                return f
        raise KeyError(name)

    @classmethod
    def read(cls, s: Section) -> Meeting:
        head = s.section("session")
        members = tuple(DemoMember(m.text("name"), m.text("position"), m.text("folder")) for m in s.sections("members"))
        items = tuple(
            DemoItem(i.integer("number"), i.text("title"), i.text("presenter"), i.texts("documents"),
                     i.texts("restricted_to", default=()), i.moment("start") if i.has("start") else None,
                     i.integer("minutes"), i.optional_text("level") or "")
            for i in s.sections("items")
        )
        session = DemoSession(head.text("title"), head.text("short_title"), head.text("organisation"),
                              head.moment("start"), head.moment("end"), head.text("location"), head.text("chair"),
                              members, head.text("clerk"), items)
        files = tuple(DemoFile(f.text("file"), f.text("title"), f.optional_text("note") or "", f.text("code"))
                      for f in s.sections("documents"))
        meeting = cls(session, head.text("province"), files)
        names, listed = {m.name for m in members}, {f.file for f in files}
        for item in items:
            if not set(item.documents) <= listed:
                raise s.fail(f"item {item.number}: a document that [[documents]] does not list")
            if not set(item.restricted_to) <= names:
                raise s.fail(f"item {item.number}: restricted_to names someone who is not a member")
        return meeting
