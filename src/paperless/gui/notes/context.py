"""What the notes panel knows of the open session: its items and readable documents, in
agenda order, keyed the way the notes store keys them (item index, document content hash)."""

from __future__ import annotations

from dataclasses import dataclass

from paperless.core.bundle import Agenda


@dataclass(frozen=True)
class NotesDocument:
    doc_hash: str  # sha256 of the PDF (AgendaDocument.sha256)
    entry: str  # the bundle entry, to open it
    title: str
    item_index: int  # 0-based
    order: int  # position in the agenda, for sorting
    pages: int


@dataclass(frozen=True)
class NotesContext:
    session_id: str
    documents: tuple[NotesDocument, ...]  # the member may read these, in agenda order
    # every document of this version, restricted ones too: notes on those are not "not placed"
    # (their text has not changed; the member may just not read them in this version)
    agenda_hashes: frozenset[str] = frozenset()

    @classmethod
    def from_agenda(cls, agenda: Agenda, member: str) -> NotesContext:
        docs: list[NotesDocument] = []
        every: set[str] = set()
        for index, item in enumerate(agenda.items):
            every.update(doc.sha256 for doc in item.documents)
            if not item.readable_by(member):
                continue
            for doc in item.documents:
                docs.append(NotesDocument(doc.sha256, doc.entry, doc.title, index, len(docs), doc.pages))
        return cls(agenda.session_id, tuple(docs), frozenset(every))

    def restricted(self, doc_hash: str) -> bool:
        """In this version, but not for this member."""
        return doc_hash in self.agenda_hashes and self.document(doc_hash) is None

    def document(self, doc_hash: str) -> NotesDocument | None:
        """The first place a document appears (the same PDF may be attached to two items)."""
        return next((d for d in self.documents if d.doc_hash == doc_hash), None)

    def doc_hashes(self) -> list[str]:
        return list(dict.fromkeys(d.doc_hash for d in self.documents))
