"""``paperless meeting verify-votes FILE``: recount a meeting's votes from the signed ballots
(docs/meeting.md), and the office's exports ``paperless server export-votes`` and
``export-attendance`` (the record for the minutes)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from paperless.cli.console import say, tr
from paperless.cli.server_cmd import _config, _guarded, _session_arg, _store
from paperless.core.atomic import atomic_write
from paperless.core.errors import PaperlessError, T, UsageError
from paperless.core.meeting import record as R
from paperless.core.meeting import wire as W


class VotesRefusedError(PaperlessError):
    en = "The votes file does not verify: {count} problem(s) (listed above)."
    vi = "Tệp kết quả biểu quyết không hợp lệ: {count} vấn đề (liệt kê ở trên)."
    exit_code = 3


def register(sub: Any) -> None:
    m = sub.add_parser("meeting", help="the meeting room: check a meeting's votes")
    msub = m.add_subparsers(dest="meeting_command", metavar="COMMAND", required=True)
    v = msub.add_parser("verify-votes", help="check every signature in a votes file and recount")
    v.add_argument("file", type=Path, help="the file written by paperless server export-votes")
    v.set_defaults(func=verify_votes)


def register_server(ssub: Any, db_option: Any) -> None:
    """``server export-votes`` and ``server export-attendance`` (added to ``paperless server``)."""
    ev = ssub.add_parser("export-votes", help="write a meeting's signed votes and ballots (for verify-votes)")
    ev.add_argument("dir", type=Path)
    ev.add_argument("session", metavar="SESSION", help="the session id")
    ev.add_argument("--out", type=Path, required=True, help="FILE.json")
    db_option(ev)
    ev.set_defaults(func=_guarded(export_votes))
    ea = ssub.add_parser("export-attendance", help="write a meeting's attendance (điểm danh) for the minutes")
    ea.add_argument("dir", type=Path)
    ea.add_argument("session", metavar="SESSION", help="the session id")
    ea.add_argument("--out", type=Path, required=True, help="FILE.csv or FILE.toml")
    db_option(ea)
    ea.set_defaults(func=_guarded(export_attendance))


def export_votes(args: argparse.Namespace) -> int:
    session_id = _session_arg(args.session)
    config = _config(args)
    from paperless.server.meeting import MeetingStore

    store = _store(config)
    try:
        data = MeetingStore(store).export(session_id)
    finally:
        store.engine.dispose()
    atomic_write(args.out, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    say(T("Wrote {votes} vote(s) of session {session} to {path}.",
          "Đã ghi {votes} cuộc biểu quyết của phiên họp {session} vào {path}."),
        votes=len(data["votes"]), session=session_id, path=str(args.out))
    return 0


def export_attendance(args: argparse.Namespace) -> int:
    session_id = _session_arg(args.session)
    suffix = args.out.suffix.lower()
    if suffix not in (".csv", ".toml"):
        raise UsageError(detail=T("--out must end in .csv or .toml", "--out phải có đuôi .csv hoặc .toml"))
    config = _config(args)
    from paperless.server.meeting import attendance

    store = _store(config)
    try:
        rows = [R.AttendanceRow(*r) for r in attendance(store, session_id)]
    finally:
        store.engine.dispose()
    text = R.attendance_csv(rows) if suffix == ".csv" else R.attendance_toml(session_id, rows)
    atomic_write(args.out, text.encode("utf-8"))
    say(T("Wrote the attendance of {count} member(s) to {path}.",
          "Đã ghi điểm danh của {count} thành viên vào {path}."), count=len(rows), path=str(args.out))
    return 0


def verify_votes(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise R.VotesFileError(path=str(path), detail=str(getattr(exc, "strerror", None) or exc)[:200]) from None
    report = R.verify_votes(data, str(path))
    problems = list(report.problems)
    for p in report.problems:
        say(T("Problem: {what}", "Vấn đề: {what}"), what=tr(p))
    for vote in report.votes:
        say(T("Vote: {motion}", "Biểu quyết: {motion}"), motion=vote.motion or vote.vote)
        say(T("  For {f}, against {a}, blank {b}", "  Đồng ý {f}, không đồng ý {a}, phiếu trắng {b}"),
            f=vote.counts.get(W.FOR, 0), a=vote.counts.get(W.AGAINST, 0), b=vote.counts.get(W.BLANK, 0))
        for name, choice in vote.named:
            en, vi = W.CHOICE_LABELS[choice]
            say(T("  {name}: {choice}", "  {name}: {choice}"), name=name, choice=tr(T(en, vi)))
        for p in vote.problems:
            say(T("  Problem: {what}", "  Vấn đề: {what}"), what=tr(p))
        problems += vote.problems
    if problems:
        raise VotesRefusedError(count=len(problems))
    say(T("Every signature checks and every count matches.", "Mọi chữ ký đều hợp lệ và mọi kết quả đều khớp."))
    return 0
