"""The one error the API raises: an HTTP status with a protocol error code (the JSON 4xx body)."""

from __future__ import annotations

from paperless.core.sync import protocol as P


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail

    def body(self) -> dict[str, str]:
        return {"error": self.code, "detail": self.detail}


def bad_request(detail: str) -> ApiError:
    return ApiError(400, P.BAD_REQUEST, detail)


def unauthorized(detail: str = "not signed in (unknown, expired or refused)") -> ApiError:
    return ApiError(401, P.UNAUTHORIZED, detail)


def revoked() -> ApiError:
    return ApiError(403, P.DEVICE_REVOKED, "this device was revoked: wipe this member's data and acknowledge")


def pending() -> ApiError:
    return ApiError(403, P.DEVICE_PENDING, "this device waits for approval: by the office "
                    "(paperless server approve-device) or from another device of this member")


def not_found(detail: str = "no such thing") -> ApiError:
    return ApiError(404, P.NOT_FOUND, detail)


def conflict(detail: str) -> ApiError:
    return ApiError(409, P.CONFLICT, detail)


def too_large(detail: str) -> ApiError:
    return ApiError(413, P.TOO_LARGE, detail)
