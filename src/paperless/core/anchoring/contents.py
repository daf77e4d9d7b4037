"""Table-of-contents lines: dot leaders and the page numbers they lead to.

"2.3 Cài đặt ........ 17" becomes "2.3 Cài đặt ......... 19" in a revised version: the
leader's length and the page number only depend on the layout. Both are left out of the
document's text (like a running page number), so that a contents line is placed by its words.

A leader is a word of at least :data:`MIN_LEADER` dots, ellipses or middle dots ("......",
"……"), or a run of at least :data:`MIN_SPACED` such words of one character each (". . . .");
dots glued to the title ("Cài đặt.......") are cut off it. On a visual row that has a leader,
a number (arabic or roman) after the last leader is the page number and is left out too.
Ordinary ellipses ("v.v...") are shorter than a leader and stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from paperless.core.anchoring.footnotes import visual_rows
from paperless.core.search.words import WordLike

MIN_LEADER: Final = 4
MIN_SPACED: Final = 3
_LEADER_CHARS: Final = ".…·"
_LEADER: Final = re.compile(r"[.…·](?:\s?[.…·]){3,}")
_WHOLE: Final = re.compile(r"(?:[.…·]\s?){4,}|…{2,}")
_NUMBER: Final = re.compile(r"\d{1,4}|[ivxlcdm]{1,7}", re.IGNORECASE)


def may_have_leaders(words: Sequence[WordLike]) -> bool:
    """A quick test: could the page have a leader at all (most pages cannot)."""
    joined = "\x00".join(w.text for w in words)
    return "...." in joined or "……" in joined or "·" in joined or "\x00.\x00.\x00." in joined or "\x00…\x00…" in joined


def leader_edits(words: Sequence[WordLike]) -> dict[int, str]:
    """For one page: word index -> its text without the leader ("" to leave the word out)."""
    edits: dict[int, str] = {}
    if not may_have_leaders(words):
        return edits
    for row in visual_rows(words):
        last_leader = -1
        run: list[int] = []  # one-character leader words in a row (". . . .")
        for k, i in enumerate(row):
            text = words[i].text
            if len(text) == 1 and text in _LEADER_CHARS:
                run.append(k)
                if len(run) >= MIN_SPACED:
                    for j in run:
                        edits[row[j]] = ""
                    last_leader = k
                continue
            run = []
            if _WHOLE.fullmatch(text):
                edits[i] = ""
                last_leader = k
                continue
            m = _LEADER.search(text)
            if m is not None:
                kept = (text[: m.start()] + " " + text[m.end() :]).strip()
                tail = text[m.end() :].strip()
                if tail and _NUMBER.fullmatch(tail):  # "đặt......17"
                    kept = text[: m.start()].strip()
                edits[i] = kept
                last_leader = k
        if last_leader >= 0:
            after = row[last_leader + 1 :]
            if len(after) == 1 and _NUMBER.fullmatch(words[after[0]].text):
                edits[after[0]] = ""
    return edits
