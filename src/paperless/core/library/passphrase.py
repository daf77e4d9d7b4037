"""A simple, explainable strength hint for a new passphrase (length and variety)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MIN_LENGTH = 8  # as the command line requires


@dataclass(frozen=True)
class Strength:
    score: int  # 0 too short, 1 weak, 2 fair, 3 good, 4 strong
    length: int
    variety: int  # kinds of characters used, 0..5
    acceptable: bool


def _kinds(text: str) -> int:
    kinds = set()
    for ch in text:
        if ch.isspace():
            kinds.add("space")
        elif ch.isdigit():
            kinds.add("digit")
        elif ch.isalpha():
            base = unicodedata.normalize("NFD", ch)
            if len(base) > 1 or ch in "đĐ":
                kinds.add("accented")  # Vietnamese letters with marks add variety
            kinds.add("upper" if ch.isupper() else "lower")
        else:
            kinds.add("symbol")
    return min(5, len(kinds))


def passphrase_strength(text: str) -> Strength:
    length = len(text)
    variety = _kinds(text)
    if length < MIN_LENGTH:
        return Strength(0, length, variety, False)
    score = 1 + (length >= 12) + (length >= 16) + (variety >= 3)
    if len(set(text)) <= 2:  # "aaaaaaaa", "abababab"
        score = 1
    return Strength(min(4, score), length, variety, True)
