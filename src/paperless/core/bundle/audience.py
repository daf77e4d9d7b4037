"""The manifest's ``audience``: who the office server may hand a bundle to (docs/distribution-protocol.md).

For each member the bundle is encrypted to, ``SHA-256("paperless-audience-v1" NUL session_id NUL
member id)`` in lower-case hex, where the member id is the 40 digits of the member's card
fingerprint. The list is padded with random 32-byte values to the same count as the age stanzas
(:func:`~.padding.stanza_count`) and sorted, so it shows neither the number of readers nor, to
someone who does not already hold a member's fingerprint, who they are. The server, which knows
its enrolled members' fingerprints, recomputes the hash of each and hands the bundle to those
whose hash is listed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from paperless.core.bundle.padding import stanza_count

AUDIENCE_DOMAIN = b"paperless-audience-v1\0"
CONTROL_DOMAIN = b"paperless-meeting-control-v1\0"


def member_digits(fingerprint: str) -> str:
    """A card fingerprint as the 40 digits without spaces (the office server's member id)."""
    return "".join(ch for ch in fingerprint if not ch.isspace())


def audience_hash(session_id: str, member: str) -> str:
    """The audience value of ``member`` (40 digits, or a fingerprint with spaces) for one session."""
    raw = AUDIENCE_DOMAIN + session_id.encode("utf-8") + b"\0" + member_digits(member).encode("ascii")
    return hashlib.sha256(raw).hexdigest()


def make_audience(session_id: str, fingerprints: Iterable[str]) -> tuple[str, ...]:
    """The sorted, padded audience of a session for the members with these card fingerprints."""
    real = {audience_hash(session_id, fp) for fp in fingerprints}
    filler = stanza_count(len(real)) - len(real)
    return tuple(sorted(real | {secrets.token_hex(32) for _ in range(filler)}))


def control_hash(session_id: str, member: str) -> str:
    """The manifest's ``meeting_control`` value of ``member`` (the chair or one of the secretariat)."""
    raw = CONTROL_DOMAIN + session_id.encode("utf-8") + b"\0" + member_digits(member).encode("ascii")
    return hashlib.sha256(raw).hexdigest()


def make_control(session_id: str, fingerprints: Iterable[str]) -> tuple[str, ...] | None:
    """The sorted ``meeting_control`` of a session (None when nobody runs a meeting in it). Not padded:
    it tells how many people run the meeting (a handful), never who without their cards."""
    values = sorted({control_hash(session_id, fp) for fp in fingerprints})
    return tuple(values) if values else None
