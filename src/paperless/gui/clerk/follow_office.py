"""The Follow page's bridge to :mod:`paperless.office` (collect, tallies, the consolidation table).

The office package is not in the frozen reader (build.spec excludes it, with python-docx and
openpyxl), so it is imported here lazily, inside the functions, and its absence is one clear
message (:class:`OfficePartMissingError`), never an ImportError at start. Everything here blocks:
the page runs it on the task layer.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from paperless.core.clerk.follow import DocumentGroup, group_comments
from paperless.core.clerk.office import HeldEnvelope
from paperless.core.errors import PaperlessError
from paperless.core.identity import UnlockedIdentity
from paperless.core.session import SessionSpec

if TYPE_CHECKING:
    from paperless.office.collect import Collected, PollTally


class OfficePartMissingError(PaperlessError):
    en = ("Members' comments, polls and the consolidation table need the office part of Paperless, which is not "
          "installed here ({detail}). Install it with: pip install 'paperless[office]'.")
    vi = ("Góp ý, phiếu lấy ý kiến và bảng tổng hợp cần phần “office” của Paperless, máy này chưa cài ({detail}). "
          "Cài bằng lệnh: pip install 'paperless[office]'.")


@dataclass
class Consultation:
    collected: Collected
    groups: list[DocumentGroup]
    polls: list[PollTally]
    refused: list[PaperlessError] = field(default_factory=list)


def consult(held: Sequence[HeldEnvelope], spec: SessionSpec, office: UnlockedIdentity) -> Consultation:
    """Open and check every envelope (a refused one is reported, never counted); group the comments;
    tally the polls."""
    try:
        from paperless.office.collect import collect, poll_results
    except ImportError as exc:
        raise OfficePartMissingError(detail=exc.name or "paperless.office") from None
    collected = collect(held, spec, office)
    return Consultation(collected, group_comments(spec, collected.comments), poll_results(collected),
                        list(collected.refused))


def missing_writers() -> str | None:
    """The first Python package the DOCX and XLSX writers need that is not importable, or None."""
    for module in ("paperless.office.consolidation", "docx", "openpyxl"):
        try:
            importlib.import_module(module)
        except ImportError:
            return "python-docx" if module == "docx" else module
    return None


def export_table(collected: Collected, answers: Mapping[str, str], folder: Path, stem: str, *,
                 office_name: str, place: str, now: datetime) -> list[Path]:
    """The consolidation table with the office's answers as ``stem.docx`` and ``stem.xlsx`` in
    ``folder``, each written atomically; the files written."""
    missing = missing_writers()
    if missing is not None:
        raise OfficePartMissingError(detail=missing)
    from paperless.office.collect import consolidation, place_date
    from paperless.office.consolidation import write_table

    table = consolidation(collected, office=office_name, place_date=place_date(place, now), answers=answers)
    out = []
    for suffix in (".docx", ".xlsx"):
        path = folder / f"{stem}{suffix}"
        write_table(table, path)
        out.append(path)
    return out
