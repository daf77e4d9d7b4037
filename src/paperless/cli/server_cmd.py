"""``paperless server init|enroll|members|revoke-device|approve-device|run|backup|restore|publish``, and
``receipts|recall|recall-status`` (read receipts and recalls): the office server.

:mod:`paperless.server` is imported inside each command only, so the reader never loads it; a
build without it (the reader's frozen build) says so in one line and exits 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from paperless.cli.console import read_passphrase, say
from paperless.core.errors import PaperlessError, T, UsageError


class NoServerError(PaperlessError):
    en = "This build of Paperless has no office server; install it with: pip install 'paperless[server]'"
    vi = "Bản Paperless này không có máy chủ văn phòng; hãy cài bằng: pip install 'paperless[server]'"
    exit_code = 2


class ServerCommandError(PaperlessError):
    en = "The server command failed: {detail}"
    vi = "Lệnh máy chủ không thành công: {detail}"


def _guarded(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Known errors pass; anything else (a database that does not answer, a full disk …) becomes one line."""

    @functools.wraps(func)
    def guarded(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except (PaperlessError, KeyboardInterrupt):
            raise
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise ServerCommandError(detail=f"{reason} ({exc.filename or ''})") from None
        except Exception as exc:
            first = (str(exc).strip().splitlines() or [""])[0][:300]
            raise ServerCommandError(detail=f"{exc.__class__.__name__}: {first}") from None

    return guarded


def _require_server() -> None:
    for module in ("paperless.server", "fastapi", "uvicorn", "alembic"):
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise NoServerError()


def register(sub: Any) -> None:
    p = sub.add_parser("server", help="the office server that syncs members' notes between their devices")
    ssub = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    def db_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--db", metavar="URL",
                            help="postgresql+psycopg://… (default: the one in DIR/server.toml, or DIR/server.db)")

    i = ssub.add_parser("init", help="make a server folder and its signed office-server.toml")
    i.add_argument("dir", type=Path)
    i.add_argument("--office", type=Path, required=True, metavar="CLERK_DIR", help="the office's identity folder")
    i.add_argument("--passphrase-env", metavar="VAR", help="read the office's passphrase from this variable")
    i.add_argument("--url", default="https://127.0.0.1:8443", help="the address members reach (https://HOST:PORT)")
    db_option(i)
    i.set_defaults(func=_guarded(init))

    e = ssub.add_parser("enroll", help="enrol members by their card files")
    e.add_argument("dir", type=Path)
    e.add_argument("cards", type=Path, nargs="+", metavar="CARD")
    db_option(e)
    e.set_defaults(func=_guarded(enroll))

    m = ssub.add_parser("members", help="list the enrolled members and their devices")
    m.add_argument("dir", type=Path)
    db_option(m)
    m.set_defaults(func=_guarded(members))

    r = ssub.add_parser("revoke-device", help="revoke a device (it is refused at once and wipes at next contact)")
    r.add_argument("dir", type=Path)
    r.add_argument("device")
    db_option(r)
    r.set_defaults(func=_guarded(revoke_device))

    a = ssub.add_parser("approve-device",
                        help="approve a device that waits (a new device of a member who has revoked one)")
    a.add_argument("dir", type=Path)
    a.add_argument("device")
    db_option(a)
    a.set_defaults(func=_guarded(approve_device))

    u = ssub.add_parser("run", help="serve HTTPS")
    u.add_argument("dir", type=Path)
    u.add_argument("--host", default="127.0.0.1")
    u.add_argument("--port", type=int, default=8443)
    u.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL only for more than one)")
    db_option(u)
    u.set_defaults(func=_guarded(run))

    b = ssub.add_parser("backup", help="a consistent copy of the database")
    b.add_argument("dir", type=Path)
    b.add_argument("out", type=Path)
    db_option(b)
    b.set_defaults(func=_guarded(backup))

    s = ssub.add_parser("restore", help="put a backup back (server stopped) and start a new epoch")
    s.add_argument("dir", type=Path)
    s.add_argument("backup", type=Path)
    db_option(s)
    s.set_defaults(func=_guarded(restore))

    pb = ssub.add_parser("publish", help="publish a signed session bundle to the members it is encrypted to")
    pb.add_argument("dir", type=Path)
    pb.add_argument("bundle", type=Path)
    pb.add_argument("--due", metavar="YYYY-MM-DD", help="the date members should have it by")
    pb.add_argument("--office", type=Path, metavar="CARD",
                    help="the office's card (only for a folder made before publishing existed)")
    db_option(pb)
    pb.set_defaults(func=_guarded(publish))

    n = ssub.add_parser("new-epoch", help="start a new epoch (after a failover that may have lost writes)")
    n.add_argument("dir", type=Path)
    db_option(n)
    n.set_defaults(func=_guarded(new_epoch))

    rc = ssub.add_parser("receipts", help="who received, opened and read each document of a session")
    rc.add_argument("dir", type=Path)
    rc.add_argument("session", metavar="SESSION", help="the session id")
    db_option(rc)
    rc.set_defaults(func=_guarded(receipts))

    rl = ssub.add_parser("recall", help="recall a session (or one item) from every member's devices")
    rl.add_argument("dir", type=Path)
    rl.add_argument("session", metavar="SESSION", help="the session id")
    rl.add_argument("--item", type=int, metavar="N", help="only this agenda item (its number, from 1)")
    rl.add_argument("--notes", choices=("keep", "delete"), default="keep",
                    help="what the devices do with the members' notes on it (default: keep)")
    db_option(rl)
    rl.set_defaults(func=_guarded(recall))

    rs = ssub.add_parser("recall-status", help="which devices have confirmed a session's recalls")
    rs.add_argument("dir", type=Path)
    rs.add_argument("session", metavar="SESSION", help="the session id")
    db_option(rs)
    rs.set_defaults(func=_guarded(recall_status))

    from paperless.cli import meeting_cmd  # the meeting room's exports (docs/meeting.md)

    meeting_cmd.register_server(ssub, db_option)


def _config(args: argparse.Namespace) -> Any:
    _require_server()
    from paperless.server.config import load_config

    return load_config(args.dir, args.db)


def _store(config: Any) -> Any:
    from paperless.server import db
    from paperless.server.store import Store

    db.migrate(config.database_url)
    return Store(db.make_engine(config.database_url, pool_size=1))


def init(args: argparse.Namespace) -> int:
    _require_server()
    from paperless.core.identity import load_card, unlock_identity
    from paperless.server.office import init_server, parse_url

    parse_url(args.url)
    card = load_card(args.office)
    if card.role != "clerk":
        raise UsageError(detail=T(
            f"{args.office} is not the office's identity (its role is {card.role}, not clerk)",
            f"{args.office} không phải danh tính của Văn phòng (vai trò {card.role}, không phải clerk)"))
    passphrase = read_passphrase(args.passphrase_env, what=card.name)
    office = unlock_identity(args.office, passphrase)
    config = init_server(args.dir, office, args.url, args.db or "")
    from paperless.core.atomic import atomic_write
    from paperless.server.distribution_store import OFFICE_CARD

    atomic_write(config.folder / OFFICE_CARD, card.to_toml().encode("utf-8"))  # publish checks bundles against it
    say(T("Server folder ready in {dir}; members import {file}",
          "Đã tạo thư mục máy chủ tại {dir}; thành viên nhập {file}"),
        dir=config.folder, file=config.folder / "office-server.toml")
    return 0


def enroll(args: argparse.Namespace) -> int:
    config = _config(args)
    from paperless.cli.console import warn_if_outdated
    from paperless.core.identity import load_card

    store = _store(config)
    try:
        for path in args.cards:
            card = load_card(path)
            warn_if_outdated(card, path)
            if card.role != "member":
                raise UsageError(detail=T(f"{path} is the card of the office, not of a member",
                                          f"{path} là thẻ của Văn phòng, không phải của thành viên"))
            card_path = path / "card.toml" if path.is_dir() else path
            _member, new = store.enroll(card, card_path.read_text("utf-8"))
            if new:
                say(T("Enrolled {name}: {fp}", "Đã ghi danh {name}: {fp}"), name=card.name, fp=card.fingerprint)
            else:
                say(T("Already enrolled {name}: {fp}", "Đã ghi danh từ trước {name}: {fp}"),
                    name=card.name, fp=card.fingerprint)
    finally:
        store.engine.dispose()
    return 0


def _when(ms: int | None) -> str:
    if ms is None:
        return "-"
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def members(args: argparse.Namespace) -> int:
    config = _config(args)
    store = _store(config)
    try:
        listed = store.members()
        devices = store.all_devices()
    finally:
        store.engine.dispose()
    if not listed:
        say(T("No member is enrolled yet.", "Chưa ghi danh thành viên nào."))
        return 0
    from paperless.core.identity.card import FINGERPRINT_GROUPS

    for member, name in listed:
        groups = " ".join(member[i:i + 5] for i in range(0, 5 * FINGERPRINT_GROUPS, 5))
        print(f"{name}  {groups}", flush=True)
        for d in (d for d in devices if d.member == member):
            state = ""
            if d.pending:
                state = say_text(T("waiting for approval", "chờ phê duyệt"))
            if d.revoked_at is not None:
                state = say_text(T("revoked {when}", "đã vô hiệu hoá {when}"), when=_when(d.revoked_at))
                if d.wiped_at is not None:
                    state += say_text(T(", wiped {when}", ", đã xóa {when}"), when=_when(d.wiped_at))
            seen = say_text(T("last seen {when}", "lần cuối {when}"), when=_when(d.last_seen))
            print(f"    {d.device}  {d.name}  {seen}  {state}".rstrip(), flush=True)
    return 0


def say_text(text: T, **fields: object) -> str:
    from paperless.cli.console import tr

    return tr(text).format(**fields)


def _device_rows(store: Any, device: str) -> list[Any]:
    """The rows of the device named on the command line (a uuid; one line when it is not there)."""
    from paperless.core.sync import protocol as P

    if not P.is_uuid(device):
        raise UsageError(detail=T(f"{device!r} is not a device id", f"{device!r} không phải mã thiết bị"))
    owners = [d for d in store.all_devices() if d.device == device]
    if not owners:
        raise UsageError(detail=T(f"no device {device}", f"không có thiết bị {device}"))
    return owners


def revoke_device(args: argparse.Namespace) -> int:
    config = _config(args)
    store = _store(config)
    try:
        owners = _device_rows(store, args.device)
        store.revoke_device_anywhere(args.device)
    finally:
        store.engine.dispose()
    say(T("Revoked {device} ({name} of {member})", "Đã vô hiệu hoá {device} ({name} của {member})"),
        device=args.device, name=owners[0].name, member=owners[0].member_name)
    return 0


def approve_device(args: argparse.Namespace) -> int:
    config = _config(args)
    from paperless.server.errors import ApiError

    store = _store(config)
    try:
        owners = _device_rows(store, args.device)
        if any(d.revoked_at is not None for d in owners):
            raise UsageError(detail=T(f"{args.device} is revoked: it cannot be approved",
                                      f"{args.device} đã bị vô hiệu hoá: không thể phê duyệt"))
        try:
            count = store.approve_device_anywhere(args.device)
        except ApiError as exc:  # revoked or removed meanwhile
            raise UsageError(detail=T(f"{args.device}: {exc.detail}", f"{args.device}: {exc.detail}")) from None
    finally:
        store.engine.dispose()
    if count:
        say(T("Approved {device} ({name} of {member})", "Đã phê duyệt {device} ({name} của {member})"),
            device=args.device, name=owners[0].name, member=owners[0].member_name)
    else:
        say(T("{device} ({name} of {member}) was not waiting: nothing to do",
              "{device} ({name} của {member}) không chờ phê duyệt: không có gì phải làm"),
            device=args.device, name=owners[0].name, member=owners[0].member_name)
    return 0


def run(args: argparse.Namespace) -> int:
    config = _config(args)
    from paperless.server import db
    from paperless.server.serve import run as serve

    if not 0 < args.port < 65536 or args.workers < 1:
        raise UsageError(detail=T("the port is 1–65535 and workers at least 1",
                                  "cổng từ 1–65535 và ít nhất 1 tiến trình"))
    if args.workers > 1 and db.is_sqlite(config.database_url):
        raise UsageError(detail=T("SQLite has one writer: use --workers 1, or PostgreSQL (--db) for more",
                                  "SQLite chỉ có một tiến trình ghi: dùng --workers 1, hoặc PostgreSQL (--db)"))
    serve(config, args.host, args.port, args.workers)
    return 0


def backup(args: argparse.Namespace) -> int:
    config = _config(args)
    from paperless.server.office import backup as do_backup

    kind = do_backup(config, args.out)
    say(T("Backed up the {kind} database to {out}", "Đã sao lưu cơ sở dữ liệu {kind} vào {out}"),
        kind=kind, out=args.out)
    return 0


def restore(args: argparse.Namespace) -> int:
    config = _config(args)
    from paperless.server.office import restore as do_restore

    epoch = do_restore(config, args.backup)
    say(T("Restored {backup}; new epoch {epoch}: devices will re-send what the server lacks",
          "Đã khôi phục {backup}; kỷ nguyên mới {epoch}: các thiết bị sẽ gửi lại những gì máy chủ thiếu"),
        backup=args.backup, epoch=epoch)
    return 0


def new_epoch(args: argparse.Namespace) -> int:
    config = _config(args)
    store = _store(config)
    try:
        epoch = store.new_epoch()
    finally:
        store.engine.dispose()
    say(T("New epoch {epoch}: devices will pull everything and re-send what the server lacks",
          "Kỷ nguyên mới {epoch}: các thiết bị sẽ tải lại toàn bộ và gửi lại những gì máy chủ thiếu"), epoch=epoch)
    return 0


def _office_card(config: Any, given: Path | None) -> Any:
    """The office card the server folder was set up with: ``office-card.toml`` in the folder (made by
    ``init``), or, for an older folder, the card given with ``--office`` (its fingerprint must be the one
    in the folder's signed office-server.toml; it is then kept in the folder)."""
    from paperless.core.atomic import atomic_write
    from paperless.core.identity import PublicCard, load_card
    from paperless.core.identity.card import CorruptCardError
    from paperless.core.sync import protocol as P
    from paperless.core.sync.office import parse_office_file
    from paperless.server.distribution_store import OFFICE_CARD

    kept = config.folder / OFFICE_CARD
    try:
        card = PublicCard.from_toml(kept.read_text("utf-8"), str(kept)) if kept.is_file() else None
    except (OSError, UnicodeDecodeError, CorruptCardError) as exc:
        raise UsageError(detail=T(f"{kept} cannot be read ({exc.__class__.__name__})",
                                  f"không đọc được {kept} ({exc.__class__.__name__})")) from None
    if card is None:
        if given is None:
            raise UsageError(detail=T(
                f"{config.folder} has no copy of the office's card: give it once with --office CARD",
                f"{config.folder} chưa có thẻ của Văn phòng: hãy chỉ ra một lần bằng --office THẺ"))
        card = load_card(given)
    if card.role != "clerk":
        raise UsageError(detail=T(f"{card.name}'s card is not the office's (role {card.role})",
                                  f"thẻ của {card.name} không phải của Văn phòng (vai trò {card.role})"))
    office_file = config.folder / P.OFFICE_FILE
    try:
        parse_office_file(office_file.read_bytes(), [card], str(office_file))  # signed by this very card
    except OSError as exc:
        raise UsageError(detail=T(f"{office_file} cannot be read ({exc.strerror})",
                                  f"không đọc được {office_file} ({exc.strerror})")) from None
    except PaperlessError:
        raise UsageError(detail=T(f"{card.name}'s card is not the office card this server was set up with",
                                  f"thẻ của {card.name} không phải thẻ Văn phòng đã dùng để lập máy chủ này")) from None
    if not kept.is_file():
        atomic_write(kept, card.to_toml().encode("utf-8"))
    return card


def publish(args: argparse.Namespace) -> int:
    config = _config(args)
    from paperless.server.distribution_store import Distribution, PublishError, parse_due

    due = parse_due(args.due)
    if not args.bundle.is_file():
        raise PublishError(path=str(args.bundle), detail=T("no such file", "không có tệp này"))
    office = _office_card(config, args.office)
    store = _store(config)
    try:
        result = Distribution(store.engine, config.folder).publish(args.bundle, office, due)
    finally:
        store.engine.dispose()
    if not result.new:
        say(T("Already published: version {version} of {session} ({sha}); nothing changed",
              "Đã phát hành từ trước: phiên bản {version} của {session} ({sha}); không thay đổi gì"),
            version=result.version, session=result.session_id, sha=result.sha256[:16])
        return 0
    say(T("Published version {version} of {session} ({size} bytes, {sha}) for {count} enrolled members",
          "Đã phát hành phiên bản {version} của {session} ({size} byte, {sha}) cho {count} thành viên đã ghi danh"),
        version=result.version, session=result.session_id, size=result.size, sha=result.sha256[:16],
        count=result.enrolled)
    return 0


# -- read receipts and recalls (docs/receipts-recall.md) ------------------------------------------------
_EVENT_COLUMNS = (("received", T("received", "đã nhận")), ("opened", T("opened", "đã mở")),
                  ("read_to_end", T("read to the end", "đã đọc hết")))


def _session_arg(value: str) -> str:
    from paperless.core.sync import notices as N

    if not N.is_session_id(value):
        raise UsageError(detail=T(f"{value!r} is not a session id (letters, digits, . _ -; at most 64)",
                                  f"{value!r} không phải mã phiên họp (chữ, số, . _ -; tối đa 64 ký tự)"))
    return value


def _target_label(target: str) -> str:
    kind, _, name = target.partition(":")
    if kind == "item" and name.isdigit():
        return say_text(T("item {n}", "mục {n}"), n=int(name) + 1)
    return name


def receipts(args: argparse.Namespace) -> int:
    session_id = _session_arg(args.session)
    config = _config(args)
    from paperless.server.receipts import ReceiptStore

    store = _store(config)
    try:
        rows = ReceiptStore(store).receipts(session_id)
    finally:
        store.engine.dispose()
    if not rows:
        say(T("No receipt for session {session} yet.", "Chưa có xác nhận nào cho phiên họp {session}."),
            session=session_id)
        return 0
    firsts: dict[tuple[str, str], dict[str, int]] = {}
    names: dict[str, str] = {}
    for r in rows:  # the first time each member's devices said so
        names[r.member] = r.member_name
        seen = firsts.setdefault((r.member, r.target), {})
        seen[r.event] = min(seen.get(r.event, r.received), r.received)
    headings = [say_text(T("Member", "Thành viên")), say_text(T("Document", "Tài liệu"))]
    headings += [say_text(label) for _event, label in _EVENT_COLUMNS]
    table = [headings]
    for (member, target), seen in sorted(firsts.items(), key=lambda kv: (names[kv[0][0]], kv[0][1])):
        table.append([names[member], _target_label(target)] + [_when(seen.get(e)) for e, _l in _EVENT_COLUMNS])
    widths = [max(len(row[i]) for row in table) for i in range(len(headings))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip(), flush=True)
    return 0


def recall(args: argparse.Namespace) -> int:
    session_id = _session_arg(args.session)
    if args.item is not None and not 1 <= args.item <= 10_000:
        raise UsageError(detail=T("--item is the agenda item's number, from 1",
                                  "--item là số thứ tự của mục trong chương trình, từ 1"))
    config = _config(args)
    from paperless.server.receipts import ReceiptStore

    store = _store(config)
    try:
        made = ReceiptStore(store).recall(session_id, None if args.item is None else args.item - 1, args.notes)
    finally:
        store.engine.dispose()
    if not made:
        raise UsageError(detail=T("no member is enrolled: nobody to recall it from",
                                  "chưa ghi danh thành viên nào: không có ai để thu hồi"))
    what = (say_text(T("item {n} of session {s}", "mục {n} của phiên họp {s}"), n=args.item, s=session_id)
            if args.item is not None else say_text(T("session {s}", "phiên họp {s}"), s=session_id))
    notes = say_text(T("notes kept", "giữ ghi chú") if args.notes == "keep" else T("notes deleted", "xóa ghi chú"))
    say(T("Recalled {what} from {count} members ({notes}); devices confirm at their next contact",
          "Đã thu hồi {what} từ {count} thành viên ({notes}); các thiết bị xác nhận khi kết nối lần tới"),
        what=what, count=len(made), notes=notes)
    return 0


def recall_status(args: argparse.Namespace) -> int:
    session_id = _session_arg(args.session)
    config = _config(args)
    from paperless.server.receipts import ReceiptStore

    store = _store(config)
    try:
        rows = ReceiptStore(store).recall_status(session_id)
    finally:
        store.engine.dispose()
    if not rows:
        say(T("Session {session} has not been recalled from any device.",
              "Phiên họp {session} chưa được thu hồi khỏi thiết bị nào."), session=session_id)
        return 0
    for r in rows:
        what = (say_text(T("item {n}", "mục {n}"), n=r.recall.item + 1) if r.recall.item is not None
                else say_text(T("whole session", "toàn bộ phiên họp")))
        if not r.device:
            print(f"{r.member_name}  -  {what}  " + say_text(T("no device has connected",
                                                               "chưa có thiết bị nào kết nối")), flush=True)
            continue
        if r.acked_at is not None:
            state = say_text(T("confirmed {when}", "đã xác nhận {when}"), when=_when(r.acked_at))
        elif r.revoked:
            state = say_text(T("revoked device (wiped at its next contact)",
                               "thiết bị đã vô hiệu hoá (bị xóa khi kết nối lần tới)"))
        else:
            state = say_text(T("not yet confirmed", "chưa xác nhận"))
        print(f"{r.member_name}  {r.device_name}  {r.device}  {what}  {state}", flush=True)
    return 0
