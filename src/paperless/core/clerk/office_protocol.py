"""The office API's shared contract (docs/office-api.md): paths, limits, codes and the exact bytes
the office signs to log in.

Imported by the clerk's client (:mod:`paperless.core.clerk.office_client`) and by the office server
(:mod:`paperless.server.office_api`); nothing here does I/O. Changing anything here changes the
wire format.
"""

from __future__ import annotations

from urllib.parse import quote

from paperless.core.sync.protocol import origin

PREFIX = "/v1/office"
CHALLENGE = PREFIX + "/auth/challenge"  # POST {"office", "action"}
LOGIN = PREFIX + "/auth/login"  # POST {"office", "challenge", "signature"}
LOGOUT = PREFIX + "/auth/logout"  # POST, bearer: the office token ends now
BUNDLES = PREFIX + "/bundles"  # POST the bundle file itself (application/octet-stream), ?due=YYYY-MM-DD
SESSIONS = PREFIX + "/sessions"  # /{session_id}/receipts|recall|recalls|envelopes

ACTIONS = ("login",)
DEVICE = "office"  # what the challenges table holds in place of a device id for the office's challenges
CHALLENGE_ACTION = "office-login"  # … and in place of a member's action

MAX_UPLOAD_BYTES = 1024 * 1024 * 1024  # a bundle: 1 GiB (the server may be started with less)
MAX_SIGNATURE_CHARS = 1024  # a minisign signature text is about 300 characters
ENVELOPES_PAGE = 200  # envelopes per page (the client's default)
MAX_ENVELOPES_PAGE = 1000
MAX_ENVELOPES_BYTES = 4 * 1024 * 1024  # a page stops once its sealed bytes reach this (at least one)
RECEIPTS_PAGE = 1000  # receipts per page (the client's default): a member sends as many as they like
MAX_RECEIPTS_PAGE = 2000  # a receipt's row is at most about 2 KB: a page stays far below the 8 MiB answer
TRUSTED_COMMENT = "paperless office login"

SERVER_FULL = "server_full"  # 507: the server's disk is full; nothing was published
PUBLISH_REFUSED = "publish_refused"  # 400: the bundle fails a check `paperless server publish` makes
NO_MEMBERS = "no_members"  # 409: a recall with no member enrolled


def session_path(session_id: str, what: str) -> str:
    """``/v1/office/sessions/{session_id}/{what}``, the session id quoted."""
    return f"{SESSIONS}/{quote(session_id, safe='')}/{what}"


def auth_message(action: str, host: str, office: str, challenge: bytes) -> bytes:
    """What the office's signing key signs (minisign) to answer a challenge: bound to the action,
    the server's address and the office's id (the 40 digits of its card's fingerprint).

    Domain-separated from the members' devices' ``paperless-auth-v1`` messages, so a device's
    signature never passes as the office's."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return b"\0".join([b"paperless-office-auth-v1", action.encode(), origin(host).encode(), office.encode(),
                       challenge])
