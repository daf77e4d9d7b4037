"""The distribution protocol's shared contract (docs/distribution-protocol.md): paths and codes.

Imported by the client (:mod:`paperless.core.distribution`) and by the office server
(:mod:`paperless.server.distribution`); nothing here does I/O.
"""

from __future__ import annotations

import re

BUNDLES = "/v1/bundles"  # GET: the versions addressed to the member; GET /v1/bundles/{sha256}: the file
FORBIDDEN = "forbidden"  # 403: no bundle of that name is addressed to this member (or there is none)
MAX_LIST_BYTES = 4 * 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


def etag(sha256: str) -> str:
    """The strong ETag of a bundle: its SHA-256 in quotes."""
    return f'"{sha256}"'
