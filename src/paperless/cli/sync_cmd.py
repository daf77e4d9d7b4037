"""``paperless connect FILE``, ``paperless sync``, ``paperless notes export``.

The member's library folder is found as the app finds it: ``library/<recipient-hash>/`` under
the data folder (``PAPERLESS_HOME`` when set), so two data folders with the same identity are
two devices of one member.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from paperless.cli.console import read_passphrase, say, tr
from paperless.core.bundle import check_rollback, open_bundle
from paperless.core.errors import T, UsageError
from paperless.core.identity import UnlockedIdentity, load_card, unlock_identity
from paperless.core.library import Library
from paperless.core.notes import NotesStore
from paperless.core.notes.records import Annotation, Bookmark, ItemNote, Record
from paperless.core.paths import data_dir
from paperless.core.sync import SyncEngine, SyncState, import_office_file
from paperless.core.sync.office import OfficeServer, bundled_office, import_office_bytes

EXIT_PENDING, EXIT_OFFLINE, EXIT_REFUSED, EXIT_REVOKED, EXIT_NOT_CONNECTED = 1, 3, 4, 5, 6


def register(sub: Any) -> None:
    c = sub.add_parser("connect", help="connect to the office server named in a signed office-server.toml")
    c.add_argument("file", type=Path, nargs="?")
    c.add_argument("--from-bundle", type=Path, metavar="BUNDLE",
                   help="take the office-server file a session bundle carries (instead of FILE)")
    c.add_argument("--identity", type=Path, required=True)
    c.add_argument("--trust", type=Path, metavar="CLERK",
                   help="first trust this office card (clerk identity folder or card file) in your library")
    c.add_argument("--passphrase-env", metavar="VAR")
    c.set_defaults(func=connect)

    s = sub.add_parser("sync", help="sync your notes with the office server once")
    s.add_argument("--identity", type=Path, required=True)
    s.add_argument("--passphrase-env", metavar="VAR")
    s.add_argument("--device-name", metavar="NAME", help="this computer's name for your devices list")
    s.set_defaults(func=sync)

    n = sub.add_parser("notes", help="your private notes")
    nsub = n.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    e = nsub.add_parser("export", help="print your notes (annotations, item notes, bookmarks)")
    e.add_argument("--identity", type=Path, required=True)
    e.add_argument("--session", metavar="ID")
    e.add_argument("--format", choices=("md", "json"), default="md")
    e.add_argument("--passphrase-env", metavar="VAR")
    e.set_defaults(func=export)


def _unlock(folder: Path, env: str | None) -> UnlockedIdentity:
    card = load_card(folder)
    return unlock_identity(folder, read_passphrase(env, what=card.name))


def connect(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.from_bundle is None):
        raise UsageError(detail=T("give either the office-server file or --from-bundle BUNDLE (one of the two)",
                                  "hãy chỉ tệp máy chủ văn phòng hoặc --from-bundle GÓI (một trong hai)"))
    identity = _unlock(args.identity, args.passphrase_env)
    library = Library.open(data_dir(), identity)
    if args.trust is not None:
        library.trust(load_card(args.trust))
    if args.from_bundle is not None:
        server = _from_bundle(args.from_bundle, identity, library)
    else:
        server = import_office_file(args.file, library.folder, library.trusted_signers())
    say(T(f"Connected to the office server {server.url}.", f"Đã kết nối với máy chủ văn phòng {server.url}."))
    return 0


def _from_bundle(path: Path, identity: UnlockedIdentity, library: Library) -> OfficeServer:
    """The office-server file ``path`` carries: the bundle opened as the app opens it (signature,
    not older than a version seen here), the file verified as one given on its own, then kept."""
    trusted = library.trusted_signers()
    with open_bundle(path, identity, trusted, clock=library.trusted_time) as opened:
        manifest = opened.manifest
        check_rollback(manifest.version, library.highest_seen(manifest.session_id), str(path))
        raw, signer = opened.office_file, opened.signer
    if raw is None:
        raise UsageError(detail=T(f"the bundle {path} carries no office-server file",
                                  f"gói tài liệu {path} không kèm tệp máy chủ văn phòng"))
    label = f"{path} (office.age)"
    bundled_office(raw, signer, label, trusted)
    return import_office_bytes(raw, label, library.folder, trusted)


def sync(args: argparse.Namespace) -> int:
    identity = _unlock(args.identity, args.passphrase_env)
    library = Library.open(data_dir(), identity)
    with NotesStore.open(library.folder, identity) as store:
        engine = SyncEngine(identity, library.folder, store, device_name=args.device_name)
        report = engine.sync_once()
    status = report.status
    counts = T(f"{report.pushed} pushed, {report.pulled} pulled, {report.conflicts} conflicts, "
               f"{report.pending} waiting",
               f"đã gửi {report.pushed}, đã nhận {report.pulled}, xung đột {report.conflicts}, "
               f"còn chờ {report.pending}")
    if status.state is SyncState.SYNCED and report.pending == 0:
        say(T(f"Synced with {status.address}: {counts.en}.", f"Đã đồng bộ với {status.address}: {counts.vi}."))
        for notice in status.notices:
            say(T(notice.en, notice.vi))
        return 0
    line = {
        SyncState.SYNCED: T(f"Not everything synced: {counts.en}.", f"Chưa đồng bộ hết: {counts.vi}."),
        SyncState.NOT_CONNECTED: T("Not connected to an office server (paperless connect FILE).",
                                   "Chưa kết nối với máy chủ văn phòng (paperless connect TỆP)."),
        SyncState.REVOKED: T("This device was revoked; your notes on it were removed.",
                             "Thiết bị này đã bị vô hiệu hoá; ghi chú của đồng chí trên máy này đã được xoá."),
    }.get(status.state)
    text = tr(line) if line is not None else f"{tr(status.detail)} ({tr(counts)})"
    print(f"paperless: {' '.join(text.split())}", file=sys.stderr)
    return {SyncState.OFFLINE: EXIT_OFFLINE, SyncState.REFUSED: EXIT_REFUSED, SyncState.REVOKED: EXIT_REVOKED,
            SyncState.NOT_CONNECTED: EXIT_NOT_CONNECTED}.get(status.state, EXIT_PENDING)


def record_json(record: Record) -> dict[str, Any]:
    """One record as the export prints it: every field, stable across devices holding the same version."""
    common: dict[str, Any] = {"uuid": record.uuid, "author": record.author, "session_id": record.session_id,
                              "created": record.created, "hlc": record.hlc, "deleted": record.deleted}
    if isinstance(record, Annotation):
        return {**common, "type": "annotation", "doc_hash": record.doc_hash, "page": record.page,
                "kind": str(record.kind.value), "color": record.color, "content": record.content.to_json(),
                "conflict_of": record.conflict_of}
    if isinstance(record, ItemNote):
        return {**common, "type": "item_note", "item_index": record.item_index, "text": record.text}
    return {**common, "type": "bookmark", "doc_hash": record.doc_hash, "page": record.page, "label": record.label,
            "conflict_of": record.conflict_of}


def _markdown(records: list[Record]) -> str:
    lines: list[str] = []
    session = None
    for r in sorted(records, key=lambda r: (r.session_id, type(r).__name__, r.created, r.uuid)):
        if r.session_id != session:
            session = r.session_id
            lines += ["", f"# {session}", ""]
        if isinstance(r, ItemNote):
            lines.append(f"- {tr(T('Item', 'Mục'))} {r.item_index + 1}: " + r.text.replace("\n", "\n  "))
        elif isinstance(r, Bookmark):
            lines.append(f"- {tr(T('Bookmark', 'Dấu trang'))} {r.doc_hash[:12]} p. {r.page + 1}: {r.label}")
        elif isinstance(r, Annotation):
            copy = f" ({tr(T('conflict copy', 'bản xung đột'))})" if r.conflict_of else ""
            text = r.content.to_json().get("text") or r.content.to_json().get("comment") or ""
            lines.append(f"- {r.kind.value} {r.doc_hash[:12]} p. {r.page + 1}{copy}: {text}")
    return "\n".join(lines).strip() + "\n"


def export(args: argparse.Namespace) -> int:
    identity = _unlock(args.identity, args.passphrase_env)
    library = Library.open(data_dir(), identity)
    if not (library.folder / "notes.sqlite3").exists():
        raise UsageError(detail=T("there are no notes for this identity on this computer",
                                  "máy này chưa có ghi chú nào của danh tính này"))
    with NotesStore.open(library.folder, identity) as store:
        records = store.all_records()
    if args.session is not None:
        records = [r for r in records if r.session_id == args.session]
    if args.format == "json":
        items = sorted((record_json(r) for r in records), key=lambda d: str(d["uuid"]))
        print(json.dumps({"records": items}, ensure_ascii=False, sort_keys=True, indent=1))
    else:
        sys.stdout.write(_markdown(records))
    return 0
