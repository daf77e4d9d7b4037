"""The clerk's :class:`~paperless.core.clerk.office.OfficeService` over HTTPS (docs/office-api.md).

:class:`OfficeClient` talks to the office server the signed ``office-server.toml`` names, pinning
its certificate (:class:`~paperless.core.sync.transport.Connection`), as the office: it logs in
by signing the server's single-use challenge with the office's signing key (the clerk's
:class:`~paperless.core.identity.UnlockedIdentity`, whose card signed the file) and keeps the
short-lived token, logging in again when it runs out. Qt-free and blocking: the GUI calls it on
the task layer.

Every failure is one :class:`~paperless.core.errors.PaperlessError` with a one-line message in
Vietnamese and English: the server does not answer (:class:`~paperless.core.sync.errors.OfflineError`),
it is not the pinned server or refuses (:class:`~paperless.core.sync.errors.RefusedError`), this
identity is not the office's key (:class:`WrongOfficeKeyError`), a bundle fails the server's
checks (:class:`PublishRefusedError`), is too large (:class:`BundleTooLargeError`) …
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from paperless.core.clerk import office_protocol as O
from paperless.core.clerk.office import HeldEnvelope, PublishedVersion, RecallEntry, ReceiptEntry
from paperless.core.errors import InputFileError, PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P
from paperless.core.sync.errors import HttpError, OfficeFileError, ProtocolError, RefusedError
from paperless.core.sync.office import OfficeServer, parse_office_file
from paperless.core.sync.transport import Connection

UPLOAD_TIMEOUT_S = 300.0  # the server checks every entry of the bundle before it answers
TOKEN_MARGIN_S = 30  # log in again this long before the token runs out


class OfficeClientError(PaperlessError):
    en = "The office server ({address}): {detail}"
    vi = "Máy chủ của Văn phòng ({address}): {detail}"


class NotTheOfficeError(OfficeClientError):
    """The identity given is not an office's (a member's card, or no signing role)."""

    en = "{name} is not the office's identity (its role is {role}): open the office's identity to use the server."
    vi = ("{name} không phải danh tính của Văn phòng (vai trò {role}): hãy mở danh tính của Văn phòng để dùng "
          "máy chủ.")


class OtherOfficeFileError(OfficeClientError):
    en = ("{path} was not made with this office's key ({name}): choose the office-server.toml of this office's "
          "server.")
    vi = ("{path} không được tạo bằng khoá của Văn phòng này ({name}): hãy chọn tệp office-server.toml của máy "
          "chủ thuộc Văn phòng này.")


class WrongOfficeKeyError(OfficeClientError):
    en = ("The office server ({address}) does not accept {name} as the office: its key is not the one the server "
          "was set up with.")
    vi = ("Máy chủ của Văn phòng ({address}) không chấp nhận {name} là Văn phòng: khoá này không phải khoá đã dùng "
          "để lập máy chủ.")


class PublishRefusedError(OfficeClientError):
    en = "The office server refused {path}: {detail}"
    vi = "Máy chủ của Văn phòng từ chối {path}: {detail}"


class BundleTooLargeError(OfficeClientError):
    en = "{path} is too large for the office server ({size} bytes; at most {limit}): save it for a USB stick instead."
    vi = ("{path} quá lớn đối với máy chủ của Văn phòng ({size} byte; tối đa {limit}): hãy lưu tệp để chép "
          "bằng USB.")


class ServerFullError(OfficeClientError):
    en = ("The office server's disk is full, so {path} was not published: ask whoever looks after the server to "
          "free some space, or save the file for a USB stick.")
    vi = ("Ổ đĩa của máy chủ Văn phòng đã đầy nên {path} chưa được phát hành: hãy nhờ người quản lý máy chủ giải "
          "phóng dung lượng, hoặc lưu tệp để chép bằng USB.")


class NoMemberEnrolledError(OfficeClientError):
    en = "No member is enrolled on the office server ({address}): nobody to recall it from."
    vi = "Chưa ghi danh thành viên nào trên máy chủ của Văn phòng ({address}): không có ai để thu hồi."


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _int(value: Any, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not a whole number")
    return value


class OfficeClient:
    """The office server, as the office. ``connection`` (tests): another pinned connection."""

    def __init__(self, office: OfficeServer, identity: UnlockedIdentity, *,
                 connection: Connection | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        if identity.card.role != "clerk":
            raise NotTheOfficeError(name=identity.card.name, role=identity.card.role)
        self.office = office
        self.identity = identity
        self.office_id = P.member_id(identity.card.fingerprint)
        self.connection = connection or Connection(office)
        self.page_limit = O.ENVELOPES_PAGE
        self.receipts_page = O.RECEIPTS_PAGE
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._until = 0.0
        self.max_upload = O.MAX_UPLOAD_BYTES

    @classmethod
    def from_file(cls, path: Path, identity: UnlockedIdentity) -> OfficeClient:
        """The server ``path`` (an ``office-server.toml``) names, which this office's key must have signed."""
        if identity.card.role != "clerk":
            raise NotTheOfficeError(name=identity.card.name, role=identity.card.role)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputFileError(path=str(path), detail=exc.strerror or str(exc)) from None
        try:
            office = parse_office_file(raw, [identity.card], str(path))
        except OfficeFileError as exc:
            if _names_another_office(raw, identity):
                raise OtherOfficeFileError(path=str(path), name=identity.card.name) from None
            raise exc from None
        return cls(office, identity)

    @property
    def address(self) -> str:
        return self.office.url

    # -- logging in ---------------------------------------------------------------------------------
    def _login(self) -> str:
        conn = self.connection
        answer = conn.request("POST", O.CHALLENGE, {"office": self.office_id, "action": "login"})
        try:
            challenge = P.unb64(answer.get("challenge"), limit=P.CHALLENGE_BYTES)
        except ValueError:
            raise ProtocolError(address=self.address, detail="the challenge is not in shape") from None
        signature = self.identity.signing_key.sign(O.auth_message("login", self.office.url, self.office_id, challenge),
                                                   trusted_comment=O.TRUSTED_COMMENT)
        try:
            answer = conn.request("POST", O.LOGIN, {"office": self.office_id, "challenge": P.b64(challenge),
                                                    "signature": signature})
        except HttpError as exc:
            if exc.status in (401, 403):
                raise WrongOfficeKeyError(address=self.address, name=self.identity.card.name) from None
            raise
        token, ttl = answer.get("token"), answer.get("expires_in")
        if not isinstance(token, str) or not token or isinstance(ttl, bool) or not isinstance(ttl, int):
            raise ProtocolError(address=self.address, detail="the login answer is not in shape")
        limit = answer.get("max_upload")
        if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
            self.max_upload = limit
        self._token, self._until = token, self._clock() + max(0, ttl - TOKEN_MARGIN_S)
        return token

    def token(self) -> str:
        """A live office token (logging in if there is none, or it is about to run out)."""
        with self._lock:
            if self._token is None or self._clock() >= self._until:
                return self._login()
            return self._token

    def _forget(self, token: str) -> None:
        with self._lock:
            if self._token == token:
                self._token = None

    def _call(self, send: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
        """``send(token)``; once again with a new token if the server no longer knows this one."""
        token = self.token()
        try:
            return send(token)
        except HttpError as exc:
            if exc.status != 401:
                raise
            self._forget(token)
        return send(self.token())

    def _get(self, path: str) -> dict[str, Any]:
        return self._call(lambda token: self.connection.request("GET", path, token=token))

    def logout(self) -> None:
        """End the token now (the next call logs in again)."""
        with self._lock:
            token, self._token = self._token, None
        if token is not None:
            try:
                self.connection.request("POST", O.LOGOUT, token=token)
            except HttpError as exc:
                if exc.status != 401:
                    raise

    def _shape(self, what: str) -> ProtocolError:
        return ProtocolError(address=self.address, detail=f"the {what} are not in shape")

    def _session(self, session_id: str) -> str:
        if not N.is_session_id(session_id):
            raise OfficeClientError(address=self.address, detail=T(
                f"{session_id!r} is not a session id (letters, digits, . _ -; at most 64)",
                f"{session_id!r} không phải mã phiên họp (chữ, số, . _ -; tối đa 64 ký tự)"))
        return session_id

    # -- OfficeService --------------------------------------------------------------------------------
    def publish(self, bundle: Path, due: datetime | None = None) -> PublishedVersion:
        """Upload a signed bundle; the server checks it as ``paperless server publish`` does."""
        name = bundle.name
        try:
            f = open(bundle, "rb")
        except OSError as exc:
            raise InputFileError(path=str(bundle), detail=exc.strerror or str(exc)) from None
        with f:
            try:
                size = f.seek(0, 2)
                f.seek(0)
            except OSError as exc:
                raise InputFileError(path=str(bundle), detail=exc.strerror or str(exc)) from None
            if size == 0:
                raise PublishRefusedError(path=name, detail=T("the file is empty", "tệp rỗng"))
            path = O.BUNDLES + ("?" + urlencode({"due": due.date().isoformat()}) if due is not None else "")
            self.token()  # logged in first: the server says how large a bundle may be
            if size > self.max_upload:
                raise BundleTooLargeError(path=name, size=size, limit=self.max_upload)

            def send(token: str) -> dict[str, Any]:
                f.seek(0)
                return self.connection.upload(path, f, size, token, timeout=UPLOAD_TIMEOUT_S)

            try:
                answer = self._call(send)
            except HttpError as exc:
                if exc.code == O.PUBLISH_REFUSED:
                    en = str(exc.answer.get("detail") or "")
                    vi = str(exc.answer.get("detail_vi") or en)
                    raise PublishRefusedError(path=name, detail=T(en, vi)) from None
                if exc.status == 413:
                    raise BundleTooLargeError(path=name, size=size, limit=self.max_upload) from None
                if exc.code == O.SERVER_FULL:
                    raise ServerFullError(path=name) from None
                raise
        try:
            return PublishedVersion(_str(answer["session_id"]), _int(answer["version"]), _str(answer["sha256"]),
                                    _int(answer["size"]), _int(answer["enrolled"]), bool(answer["new"]))
        except (KeyError, ValueError):
            raise self._shape("publish answer") from None

    def receipts(self, session_id: str) -> list[ReceiptEntry]:
        """Every read receipt of the session, page by page, ordered by member name, target and time
        of arrival (as ``paperless server receipts`` lists them)."""
        base = O.session_path(self._session(session_id), "receipts")
        rows: list[tuple[str, str, int, ReceiptEntry]] = []
        after = ""
        for _page in range(1_000_000):
            answer = self._get(f"{base}?{urlencode({'after': after, 'limit': self.receipts_page})}")
            try:
                for r in answer["receipts"]:
                    entry = ReceiptEntry(_str(r["member"]), _str(r["member_name"]), _str(r["device"]),
                                         _int(r["version"]), _str(r["target"]), _str(r["event"]), _str(r["at"]))
                    rows.append((entry.member_name, entry.target, _int(r["received"]), entry))
                cursor, more = _str(answer["cursor"]), answer["more"]
            except (KeyError, TypeError, ValueError):
                raise self._shape("receipts") from None
            if more is not True or cursor == after:
                break
            after = cursor
        rows.sort(key=lambda row: row[:3])
        return [row[3] for row in rows]

    def recall(self, session_id: str, item: int | None = None, *, notes: str = "keep") -> None:
        """Recall the session (``item``: only this agenda item, its index from 0, as in
        :attr:`RecallEntry.item`) from every enrolled member's devices; ``notes``: keep|delete."""
        path = O.session_path(self._session(session_id), "recall")
        if notes not in N.NOTES_POLICIES or (item is not None and not 0 <= item <= N.MAX_ITEM):
            raise ValueError("item is an index from 0, notes keep|delete")
        try:
            self._call(lambda token: self.connection.request("POST", path, {"item": item, "notes": notes},
                                                             token=token))
        except HttpError as exc:
            if exc.code == O.NO_MEMBERS:
                raise NoMemberEnrolledError(address=self.address) from None
            raise

    def recall_status(self, session_id: str) -> list[RecallEntry]:
        answer = self._get(O.session_path(self._session(session_id), "recalls"))
        try:
            return [RecallEntry(_str(r["recall"]), _str(r["session_id"]), _int(r["item"], optional=True),
                                _int(r["recalled_at"]), _str(r["member_name"]), _str(r["device"]),
                                _str(r["device_name"]), _int(r["acked_at"], optional=True), bool(r["revoked"]))
                    for r in answer["recalls"]]
        except (KeyError, TypeError, ValueError):
            raise self._shape("recalls") from None

    def envelopes(self, session_id: str) -> list[HeldEnvelope]:
        """Every sealed comment and poll answer the server holds for the session, page by page, in the
        order the server's own ``collect`` reads them (by time of arrival)."""
        base = O.session_path(self._session(session_id), "envelopes")
        out: list[HeldEnvelope] = []
        after = ""
        for _page in range(1_000_000):
            query = urlencode({"after": after, "limit": self.page_limit})
            answer = self._get(f"{base}?{query}")
            try:
                for e in answer["envelopes"]:
                    out.append(HeldEnvelope(_str(e["member"]), _str(e["kind"]), _str(e["session_id"]), _str(e["key"]),
                                            _int(e["revision"]), _int(e["received"]),
                                            P.unb64(e["sealed"], limit=4 * 1024 * 1024)))
                cursor, more = _str(answer["cursor"]), answer["more"]
            except (KeyError, TypeError, ValueError):
                raise self._shape("envelopes") from None
            if more is not True or cursor == after:
                break
            after = cursor
        out.sort(key=lambda h: (h.received, h.member, h.key, h.revision))
        return out


def _names_another_office(raw: bytes, identity: UnlockedIdentity) -> bool:
    """The file is an office-server file of some office, just not signed by this one."""
    import tomllib

    try:
        section = tomllib.loads(raw.decode("utf-8")).get("office_server")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(section, dict) and section.get("office_fingerprint") not in (None, identity.card.fingerprint)


__all__ = ["BundleTooLargeError", "NoMemberEnrolledError", "NotTheOfficeError", "OfficeClient", "OfficeClientError",
           "OtherOfficeFileError", "PublishRefusedError", "RefusedError", "WrongOfficeKeyError"]
