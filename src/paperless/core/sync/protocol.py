"""The sync protocol's shared contract: paths, limits, error codes and the exact bytes signed.

Imported by the client (:mod:`paperless.core.sync`) and by the office server
(:mod:`paperless.server`); nothing here does I/O. ``docs/sync-protocol.md`` is the prose
version, enough to write another client. Changing anything here changes the wire format.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable

PROTOCOL = "paperless-sync-v1"

# -- the signed office-server file ------------------------------------------------------------
OFFICE_FILE = "office-server.toml"
OFFICE_FORMAT = "paperless-office-server-v1"
SIGNATURE_MARKER = "\n[signature]\n"  # the file: body + marker + minisign = '''…'''; the signature covers body

# -- paths ------------------------------------------------------------------------------------
HEALTH = "/healthz"
CHALLENGE = "/v1/auth/challenge"
REGISTER = "/v1/auth/register"
LOGIN = "/v1/auth/login"
REVOKED_ACK = "/v1/auth/revoked-ack"
DEVICES = "/v1/devices"  # GET; POST /v1/devices/{device}/revoke
KEYS = "/v1/keys"  # GET; PUT /v1/keys/{generation}
PUSH = "/v1/sync/push"
PULL = "/v1/sync/pull"
DIGEST = "/v1/sync/digest"
WAIT = "/v1/sync/wait"

ACTIONS = ("register", "login", "revoked-ack")

# -- limits (the server refuses more with 413/400; the client never sends more) -----------------
CHALLENGE_BYTES = 32
CHALLENGE_TTL_S = 60
TOKEN_TTL_S = 15 * 60
MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_PUSH_OPS = 500
PUSH_BATCH = 100  # what the client sends per request
MAX_PAYLOAD_BYTES = 256 * 1024
MAX_PULL_LIMIT = 1000
MAX_PULL_BYTES = 4 * 1024 * 1024  # a pull page stops once its payloads reach this (at least one record)
PULL_LIMIT = 500
MAX_WAIT_S = 30
MAX_DEVICE_NAME = 80
MAX_SEALED_KEY_BYTES = 4096

# -- error codes: the JSON body of every 4xx is {"error": CODE, "detail": "…"} ------------------
BAD_REQUEST = "bad_request"  # 400 / 422: malformed, out of range, wrong shape
UNAUTHORIZED = "unauthorized"  # 401: no/expired/unknown token; login/register failed (one answer for all)
DEVICE_REVOKED = "device_revoked"  # 403: the signing device is revoked; wipe and ack
# 403: a new device of a member who has revoked one waits for approval (the office's
# `paperless server approve-device`, or POST /v1/devices/{device}/approve from a live device)
DEVICE_PENDING = "device_pending"
NOT_FOUND = "not_found"  # 404
CONFLICT = "conflict"  # 409
TOO_LARGE = "too_large"  # 413
UNAVAILABLE = "unavailable"  # 503 (not a 4xx): the database is busy or unreachable; retry with backoff

# push results
APPLIED, DUPLICATE, STALE = "applied", "duplicate", "conflict"

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MEMBER = re.compile(r"[0-9]{40}")


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def member_id(fingerprint: str) -> str:
    """A member's id on the server: the 40 digits of their card's fingerprint, without spaces."""
    digits = "".join(ch for ch in fingerprint if not ch.isspace())
    if not _MEMBER.fullmatch(digits):
        raise ValueError("a member id is the 40 digits of a card fingerprint")
    return digits


def is_member_id(value: object) -> bool:
    return isinstance(value, str) and _MEMBER.fullmatch(value) is not None


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: object, *, limit: int) -> bytes:
    """Standard base64 (with padding) to bytes; ValueError for anything else or more than ``limit`` bytes."""
    if not isinstance(text, str) or len(text) > (limit + 2) // 3 * 4:
        raise ValueError("not base64 of an allowed size")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
    if len(raw) > limit:
        raise ValueError("too large")
    return raw


def origin(url: str) -> str:
    """The origin a challenge is bound to: ``https://host:port`` as written in the office-server file."""
    return url.rstrip("/")


def auth_message(action: str, host: str, member: str, device: str, challenge: bytes) -> bytes:
    """What a device signs (raw Ed25519) to answer a challenge: bound to the action and the server."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return b"\0".join([b"paperless-auth-v1", action.encode(), origin(host).encode(), member.encode(),
                       device.encode(), challenge])


def device_certificate(member: str, device: str, device_key_b64: str, name: str, created: str) -> bytes:
    """What the member's signing key signs (minisign) to vouch for one of their devices."""
    if "\n" in name or "\r" in name or len(name) > MAX_DEVICE_NAME:
        raise ValueError("a device name is one short line")
    return (f"paperless-device-v1\nmember: {member}\ndevice: {device}\nkey: {device_key_b64}\n"
            f"name: {name}\ncreated: {created}\n").encode()


def records_digest(pairs: Iterable[tuple[str, int]]) -> str:
    """The integrity digest of a member's records: SHA-256 over the sorted ``uuid:version`` lines."""
    h = hashlib.sha256()
    for uuid, version in sorted(pairs):
        h.update(f"{uuid}:{version}\n".encode())
    return h.hexdigest()
