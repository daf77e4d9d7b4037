"""The row digest: which version of every row is current, kept sealed and checked at each opening.

The AEAD of a row (:mod:`.crypto`) proves a payload was sealed for that row under the notes
key, but an *older* genuine copy of the row (its earlier payload, say from the outbox or a
backup) opens just as well, and a removed row leaves nothing to open. So every write also
keeps, sealed in ``meta`` under the key ``"state"``, a keyed multiset hash of all rows:

    digest = XOR over every record row and every outbox row of
             BLAKE2b-256(key = HKDF(notes key, "digest"), every stored column of the row,
                         with only the seal header — format byte and nonce — of its payload)

with the number of rows, the latest HLC written (the clock's high-water mark, which the
store resumes from) and this device's clock id. The state is updated in the same transaction
as each change (XOR out the old row, XOR in the new), so a crash leaves both or neither.
When the store opens it recomputes the digest with one scan of the columns — no decryption —
and refuses the whole store if it differs (:class:`~.errors.NotesRolledBackError`): an older
copy of a row, a removed, added or swapped row, a changed tag or tombstone. Never a silent
repair.

Why the seal header and not the whole payload: a nonce is unique to one sealing, so it names
the version; damage *inside* the ciphertext does not change the digest but fails the row's
AEAD, and such a row hides only itself when the store lists (``NotesStore.on_damaged``). A
rolled-back row always carries another nonce, so damage cannot mask a rollback.

XOR is a sound set hash here because every element carries a unique key (a record's uuid,
an outbox row's seq and op_id) and the hash is keyed: without the notes key nobody can
compute an element, and the state itself is sealed, so its value cannot be seen either.

What it cannot see: the *whole* database put back as an older genuine copy (the database
file, its state and every row together — or the folder restored from a backup). Nothing kept
on this computer alone can tell an old genuine whole from the current one; the sync issue
adds the server as a witness of the latest state.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from paperless.core.errors import T
from paperless.core.notes import db
from paperless.core.notes.crypto import HEADER_SIZE, PayloadCipher, SealError, derive_key, seal_header
from paperless.core.notes.errors import NotesRolledBackError

STATE_KEY = "state"
DIGEST_SIZE = 32
_PERSON = b"pl-notes-row"


@dataclass(frozen=True)
class IntegrityState:
    digest: int  # XOR of the row elements, as an integer
    rows: int
    latest: str  # the latest HLC written ("" before the first change)
    node: str  # this device's clock id

    def to_json(self) -> dict[str, Any]:
        return {"digest": self.digest.to_bytes(DIGEST_SIZE, "big").hex(), "rows": self.rows,
                "latest": self.latest, "node": self.node}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> IntegrityState:
        digest, rows, latest, node = obj.get("digest"), obj.get("rows"), obj.get("latest"), obj.get("node")
        if not (isinstance(digest, str) and isinstance(rows, int) and isinstance(latest, str)
                and isinstance(node, str)):
            raise ValueError("not an integrity state")
        return cls(int.from_bytes(bytes.fromhex(digest), "big"), rows, latest, node)


def _frame(parts: tuple[object, ...]) -> bytes:
    """An unambiguous encoding of one row's columns: the repr of the tuple, a Python literal (so
    equal encodings mean equal tuples). Every value the store writes is None, a bool, an int,
    bytes or an ASCII str (ids it made), whose repr does not change between Python versions."""
    return repr(parts).encode()


class RowDigest:
    """Computes row elements, keeps the sealed state in ``meta``, checks a database against it."""

    def __init__(self, key: bytes, cipher: PayloadCipher, path: Path) -> None:
        self._keyed = hashlib.blake2b(key=derive_key(key, "digest"), digest_size=DIGEST_SIZE, person=_PERSON)
        self._cipher = cipher
        self._path = path

    # -- elements -----------------------------------------------------------------------------

    def _element(self, parts: tuple[object, ...]) -> int:
        h = self._keyed.copy()  # the key block already absorbed: half the cost of a new keyed hash
        h.update(_frame(parts))
        return int.from_bytes(h.digest(), "big")

    def record(self, table: str, row: Mapping[Any, Any]) -> int:
        """The element of a record row (``row``: its stored columns; the payload whole or its header)."""
        return self._element((table, row["uuid"], row["session_key"], row.get("doc_key"), bool(row["deleted"]),
                              seal_header(row["payload"])))

    def outbox(self, row: Mapping[Any, Any]) -> int:
        return self._element(("outbox", row["seq"], row["op_id"], row["record_uuid"], row["table_name"],
                              seal_header(row["payload"]), row["sent_ms"]))

    # -- the sealed state ---------------------------------------------------------------------

    def load(self, conn: Connection) -> IntegrityState | None:
        """The state kept in ``meta`` (None if there is none); refuses one that does not open."""
        # plain SQL: this runs in every change's transaction, and a compiled select costs more than the rest
        blob = conn.exec_driver_sql("SELECT value FROM meta WHERE key = ?", (STATE_KEY,)).scalar()
        if blob is None:
            return None
        try:
            return IntegrityState.from_json(self._cipher.open("meta", STATE_KEY, blob))
        except (SealError, ValueError):
            raise NotesRolledBackError(path=str(self._path), what="meta", uuid=STATE_KEY) from None

    def require(self, conn: Connection) -> IntegrityState:
        state = self.load(conn)
        if state is None:
            raise NotesRolledBackError(path=str(self._path), what="meta", uuid=STATE_KEY)
        return state

    def save(self, conn: Connection, state: IntegrityState) -> None:
        blob = self._cipher.seal("meta", STATE_KEY, state.to_json())
        conn.exec_driver_sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (STATE_KEY, blob))

    def changed(self, conn: Connection, removed: Iterable[int], added: Iterable[int], *, rows: int = 0,
                hlc: str | None = None) -> None:
        """Fold one change into the state (inside the change's own transaction)."""
        state = self.require(conn)
        digest = state.digest
        for element in (*removed, *added):
            digest ^= element
        latest = max(state.latest, hlc) if hlc is not None else state.latest
        self.save(conn, replace(state, digest=digest, rows=state.rows + rows, latest=latest))

    # -- checking -----------------------------------------------------------------------------

    def scan(self, conn: Connection) -> tuple[int, int]:
        """(digest, rows) of what is in the database now: one pass over the columns, no decryption.
        Plain SQL and tuples, in the same column order as :meth:`record` and :meth:`outbox`."""
        digest, rows, element = 0, 0, self._element
        for table in db.RECORD_TABLES:
            doc = "doc_key" if table in db.DOCUMENT_TABLES else "NULL"
            for uuid, session, document, deleted, head in conn.exec_driver_sql(
                    f"SELECT uuid, session_key, {doc}, deleted, substr(payload, 1, {HEADER_SIZE}) FROM {table}"):
                digest ^= element((table, uuid, session, document, bool(deleted), head))
                rows += 1
        for seq, op_id, uuid, table, head, sent_ms in conn.exec_driver_sql(
                f"SELECT seq, op_id, record_uuid, table_name, substr(payload, 1, {HEADER_SIZE}), sent_ms FROM outbox"):
            digest ^= element(("outbox", seq, op_id, uuid, table, head, sent_ms))
            rows += 1
        return digest, rows

    def fresh(self, conn: Connection, node: str, latest: str) -> IntegrityState:
        """Compute the state of the database as it is and keep it (a new database, or the upgrade)."""
        digest, rows = self.scan(conn)
        state = IntegrityState(digest, rows, latest, node)
        self.save(conn, state)
        return state

    def verify(self, conn: Connection) -> IntegrityState:
        """The kept state, if the rows are the ones it describes; else refuse the store."""
        state = self.require(conn)
        if self.scan(conn) != (state.digest, state.rows):
            raise NotesRolledBackError(path=str(self._path), what=T("rows", "các dòng"), uuid="*")
        return state
