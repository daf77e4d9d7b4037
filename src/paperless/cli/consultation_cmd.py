"""``paperless consultation collect|polls``: the office's side of comments on drafts and written
opinion polls (docs/consultation.md).

Both read the sealed envelopes from the office server's folder (its database), open them with the
clerk's key, check each member's signature against the cards in the session's ``session.toml``,
and report every envelope refused. ``collect`` writes the consolidation table (.docx, .xlsx or
.pdf); ``polls`` prints the tally per question and who has not answered.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paperless.cli.console import read_passphrase, say, tr
from paperless.cli.server_cmd import _config, _guarded, _store
from paperless.core.errors import T, UsageError


def register(sub: Any) -> None:
    c = sub.add_parser("consultation", help="the office: collect comments on drafts and poll answers")
    csub = c.add_subparsers(dest="consultation_command", metavar="COMMAND", required=True)

    col = csub.add_parser("collect", help="write the consolidation table of the members' comments")
    _common(col)
    col.add_argument("--out", type=Path, required=True, help="FILE.docx, FILE.xlsx or FILE.pdf")
    col.add_argument("--office-name", default="VĂN PHÒNG TỈNH ỦY", help="the issuing body in the header")
    col.add_argument("--place", default="", help="the place before the date, e.g. Vân Sơn")
    col.set_defaults(func=_guarded(collect_cmd))

    polls = csub.add_parser("polls", help="print the tally of the session's written opinion polls")
    _common(polls)
    polls.set_defaults(func=_guarded(polls_cmd))


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, metavar="SERVER_DIR")
    p.add_argument("session", type=Path, metavar="SESSION", help="the session's session.toml")
    p.add_argument("--identity", type=Path, required=True, help="the clerk's identity folder")
    p.add_argument("--passphrase-env", metavar="VAR")
    p.add_argument("--db", metavar="URL", help="the server's database, if not the one in its folder")


def _collected(args: argparse.Namespace) -> Any:
    from paperless.core.identity import load_card, unlock_identity
    from paperless.core.session import load_session
    from paperless.office.collect import collect
    from paperless.server.consultation import ConsultationStore

    spec = load_session(args.session)
    config = _config(args)
    card = load_card(args.identity)
    if card.role != "clerk":
        raise UsageError(detail=T(
            f"{args.identity} is not the office's identity (its role is {card.role}, not clerk)",
            f"{args.identity} không phải danh tính của Văn phòng (vai trò {card.role}, không phải clerk)"))
    office = unlock_identity(args.identity, read_passphrase(args.passphrase_env, what=card.name))
    store = _store(config)
    try:
        held = ConsultationStore(store).for_session(spec.session_id)
    finally:
        store.engine.dispose()
    collected = collect(held, spec, office)
    for refused in collected.refused:
        say(refused.message())
    return collected


def collect_cmd(args: argparse.Namespace) -> int:
    from paperless.office.collect import consolidation, place_date
    from paperless.office.consolidation import write_table

    out: Path = args.out
    if out.suffix.lower() not in (".docx", ".xlsx", ".pdf"):
        raise UsageError(detail=T(f"{out.name}: the table is written as .docx, .xlsx or .pdf",
                                  f"{out.name}: bảng chỉ ghi được dạng .docx, .xlsx hoặc .pdf"))
    collected = _collected(args)
    table = consolidation(collected, office=args.office_name, place_date=place_date(args.place, datetime.now(UTC)))
    write_table(table, out)
    rows = sum(len(d.rows) for d in table.drafts)
    say(T("{out}: {rows} comments from {commented} of {consulted} members; {agreed} agreed without comments, "
          "{silent} did not answer; {refused} refused.",
          "{out}: {rows} ý kiến của {commented}/{consulted} đồng chí; {agreed} đồng chí nhất trí, không có ý kiến; "
          "{silent} đồng chí không trả lời; {refused} bị từ chối."),
        out=out, rows=rows, commented=len(table.commented), consulted=len(table.consulted),
        agreed=len(table.agreed), silent=len(table.not_answered), refused=len(collected.refused))
    return 0


def polls_cmd(args: argparse.Namespace) -> int:
    from paperless.office.collect import poll_results

    collected = _collected(args)
    results = poll_results(collected)
    if not results:
        say(T("The session has no poll.", "Phiên họp không có phiếu lấy ý kiến nào."))
        return 0
    for poll in results:
        say(T("{title} (due {due}): {answered} answered, {missing} not yet",
              "{title} (hạn {due}): {answered} đã trả lời, {missing} chưa trả lời"),
            title=poll.title, due=poll.due.strftime("%d/%m/%Y %H:%M"), answered=len(poll.answered),
            missing=len(poll.not_answered))
        for number, q in enumerate(poll.questions, start=1):
            say(f"  {number}. {q.text}")
            for choice, count in q.counts:
                say(f"     {choice}: {count}")
            for name, text in q.written:
                say(f"     — {name}: {text}")
        if poll.late:
            say("  " + tr(T("Answered after the deadline: {names}", "Trả lời sau hạn: {names}")).format(
                names=", ".join(poll.late)))
        if poll.not_answered:
            say("  " + tr(T("Not answered: {names}", "Chưa trả lời: {names}")).format(
                names=", ".join(poll.not_answered)))
    return 0
