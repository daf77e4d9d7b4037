"""Setting up a server folder: the TLS key and self-signed certificate, the signed
``office-server.toml`` that members import, enrolment, backups and restores."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import shutil
import sqlite3
import subprocess
import uuid as uuidlib
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from sqlalchemy import insert, inspect, select, update
from sqlalchemy.exc import SQLAlchemyError

from paperless.core.errors import OutputFileError, PaperlessError, T
from paperless.core.identity import UnlockedIdentity
from paperless.core.identity.card import toml_str
from paperless.core.sync import protocol as P
from paperless.server import db
from paperless.server.config import ServerConfig, run_lock
from paperless.server.store import Store

CERT_DAYS = 3650


class ServerSetupError(PaperlessError):
    en = "Cannot set up the server: {detail}"
    vi = "Không thiết lập được máy chủ: {detail}"


def parse_url(url: str) -> tuple[str, int]:
    """(host, port) of an ``https://HOST:PORT`` address; anything else is refused."""
    parts = urlsplit(url)
    try:
        port = parts.port or 443
    except ValueError:
        port = -1
    if parts.scheme != "https" or not parts.hostname or parts.path not in ("", "/") or parts.query \
            or parts.username or not 0 < port < 65536:
        raise ServerSetupError(detail=T(f"the address must be https://HOST:PORT, not {url!r}",
                                        f"địa chỉ phải có dạng https://HOST:PORT, không phải {url!r}"))
    return parts.hostname, port


def _san(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def make_tls(folder: Path, host: str) -> bytes:
    """A P-256 key (0600) and a self-signed certificate for ``host`` (and 127.0.0.1, localhost): its DER."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Paperless office server {host}"[:64])])
    hosts = list(dict.fromkeys([host, "127.0.0.1", "localhost"]))
    now = dt.datetime.now(dt.UTC)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=CERT_DAYS))
            .add_extension(x509.SubjectAlternativeName([_san(h) for h in hosts]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(ski, critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    key_path = folder / "tls.key"
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key_pem)
    os.chmod(key_path, 0o600)
    (folder / "tls.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert.public_bytes(serialization.Encoding.DER)


def office_file_text(office: UnlockedIdentity, url: str, server_id: str, cert_pem: str, issued: str) -> str:
    """The signed ``office-server.toml`` (docs/sync-protocol.md): the body, then ``[signature]``."""
    der = x509.load_pem_x509_certificate(cert_pem.encode()).public_bytes(serialization.Encoding.DER)
    body = ("[office_server]\n"
            f"format = {toml_str(P.OFFICE_FORMAT)}\n"
            f"url = {toml_str(P.origin(url))}\n"
            f"server_id = {toml_str(server_id)}\n"
            f"certificate_sha256 = {toml_str(hashlib.sha256(der).hexdigest())}\n"
            f'certificate = """{cert_pem}"""\n'
            f"office_fingerprint = {toml_str(office.card.fingerprint)}\n"
            f"issued = {toml_str(issued)}")
    signature = office.signing_key.sign(body.encode(), trusted_comment=f"paperless office server {server_id}",
                                        untrusted_comment="signature of the office server file")
    return body + P.SIGNATURE_MARKER + f"minisign = '''{signature}'''\n"


def init_server(folder: Path, office: UnlockedIdentity, url: str, database: str = "") -> ServerConfig:
    """Make a new server folder (0700): TLS key and certificate, server.toml, the database, and the
    office-server.toml signed by the clerk."""
    if office.card.role != "clerk":
        raise ServerSetupError(detail=T(f"{office.card.name} is not the office (a card with the clerk role)",
                                        f"{office.card.name} không phải Văn phòng (thẻ có vai trò clerk)"))
    host, _port = parse_url(url)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ServerSetupError(detail=T(f"{folder} exists and is not empty", f"{folder} đã có và không trống"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        make_tls(folder, host)
        config = ServerConfig(folder.resolve(), P.origin(url), str(uuidlib.uuid4()), database)
        config.save()
        db.migrate(config.database_url)
        engine = db.make_engine(config.database_url, pool_size=1)
        try:
            Store(engine).new_epoch()
        finally:
            engine.dispose()
        issued = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        text = office_file_text(office, url, config.server_id, config.cert_path.read_text("ascii"), issued)
        (folder / P.OFFICE_FILE).write_text(text, "utf-8")
    except OSError as exc:
        raise OutputFileError(path=str(folder), detail=exc.strerror or str(exc)) from None
    return config


# -- backups ---------------------------------------------------------------------------------------------
def backup(config: ServerConfig, out: Path) -> str:
    """A consistent copy of the database at ``out``: SQLite's backup API, or pg_dump (custom format)."""
    if out.exists():
        raise ServerSetupError(detail=T(f"{out} already exists", f"{out} đã có"))
    if db.is_sqlite(config.database_url):
        source = config.folder / db.SQLITE_FILE
        if not source.is_file():
            raise ServerSetupError(detail=T(f"no database in {config.folder}",
                                            f"không có cơ sở dữ liệu trong {config.folder}"))
        tmp = out.with_name(out.name + ".part")
        src = sqlite3.connect(str(source), timeout=db.BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        tmp.replace(out)
        return "sqlite"
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise ServerSetupError(detail=T(
            "pg_dump is not installed: back up the PostgreSQL database with your DBA's tools (docs/server.md)",
            "chưa cài pg_dump: hãy sao lưu cơ sở dữ liệu PostgreSQL bằng công cụ của quản trị CSDL (docs/server.md)"))
    result = subprocess.run([pg_dump, "--format=custom", "--file", str(out), db.libpq_conninfo(config.database_url)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise ServerSetupError(detail=T(f"pg_dump failed: {result.stderr.strip()[:300]}",
                                        f"pg_dump lỗi: {result.stderr.strip()[:300]}"))
    return "postgresql"


def restore(config: ServerConfig, backup_file: Path) -> str:
    """Put a backup back (the server must be stopped), upgrade its schema, re-apply the revocations
    of the database it replaces, and set a new epoch."""
    if not backup_file.is_file():
        raise ServerSetupError(detail=T(f"no backup file {backup_file}", f"không có tệp sao lưu {backup_file}"))
    with run_lock(config.folder) as taken:
        if not taken:
            raise ServerSetupError(detail=T("the server is running on this folder: stop it first",
                                            "máy chủ đang chạy trên thư mục này: hãy dừng nó trước"))
        return _restore(config, backup_file)


_CARRIED = ("member", "id", "public_key", "name", "created", "certificate", "registered", "last_seen",
            "revoked_at", "wiped_at")  # the columns of a revoked device carried over a restore (schema 0001 on)


def _revoked_devices(config: ServerConfig) -> list[dict[str, object]]:
    """The revoked devices in the database a restore is about to replace (none if it has none yet)."""
    if db.is_sqlite(config.database_url) and not (config.folder / db.SQLITE_FILE).is_file():
        return []
    engine = db.make_engine(config.database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            if "devices" not in inspect(conn).get_table_names():
                return []
            rows = conn.execute(select(*(db.devices.c[c] for c in _CARRIED))
                                .where(db.devices.c.revoked_at.is_not(None))).all()
    except SQLAlchemyError as exc:
        raise ServerSetupError(detail=T(
            f"cannot read the revoked devices of the database being replaced ({exc.__class__.__name__}); "
            "nothing was changed",
            f"không đọc được các thiết bị đã vô hiệu hoá trong cơ sở dữ liệu sắp thay ({exc.__class__.__name__}); "
            "chưa thay đổi gì")) from None
    finally:
        engine.dispose()
    return [dict(r._mapping) for r in rows]


def _reapply_revocations(store: Store, revoked: list[dict[str, object]]) -> None:
    """A restore never un-revokes: each device revoked before stays revoked (and wiped, if it was),
    also one the backup does not know (so it cannot register again as new); its member rotates keys."""
    with store.write_tx() as conn:
        enrolled = set(conn.execute(select(db.members.c.id)).scalars().all())
        for dev in revoked:
            if dev["member"] not in enrolled:
                continue  # enrolled after the backup: not a member of the restored server at all
            key = (db.devices.c.member == dev["member"]) & (db.devices.c.id == dev["id"])
            row = conn.execute(select(db.devices.c.revoked_at, db.devices.c.wiped_at).where(key)).first()
            if row is None:
                conn.execute(insert(db.devices).values(**dev, pending=False))
            else:
                conn.execute(update(db.devices).where(key).values(
                    revoked_at=row.revoked_at if row.revoked_at is not None else dev["revoked_at"],
                    wiped_at=row.wiped_at if row.wiped_at is not None else dev["wiped_at"]))
            if row is None or row.revoked_at is None:
                conn.execute(update(db.members).where(db.members.c.id == dev["member"]).values(rotate=True))


def _restore(config: ServerConfig, backup_file: Path) -> str:
    revoked = _revoked_devices(config)
    if db.is_sqlite(config.database_url):
        try:
            check = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
            try:
                check.execute("SELECT count(*) FROM members").fetchone()
            finally:
                check.close()
        except sqlite3.DatabaseError:
            raise ServerSetupError(detail=T(f"{backup_file} is not a server backup",
                                            f"{backup_file} không phải bản sao lưu máy chủ")) from None
        target = config.folder / db.SQLITE_FILE
        tmp = target.with_name(target.name + ".restoring")
        shutil.copyfile(backup_file, tmp)
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        tmp.replace(target)
    else:
        pg_restore = shutil.which("pg_restore")
        if pg_restore is None:
            raise ServerSetupError(detail=T(
                "pg_restore is not installed: restore the PostgreSQL database with your DBA's tools, "
                "then run this again with a backup of that database",
                "chưa cài pg_restore: hãy khôi phục cơ sở dữ liệu PostgreSQL bằng công cụ của quản trị CSDL"))
        result = subprocess.run([pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                                 "--dbname", db.libpq_conninfo(config.database_url), str(backup_file)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise ServerSetupError(detail=T(f"pg_restore failed: {result.stderr.strip()[:300]}",
                                            f"pg_restore lỗi: {result.stderr.strip()[:300]}"))
    db.migrate(config.database_url)
    engine = db.make_engine(config.database_url, pool_size=1)
    try:
        store = Store(engine)
        with store.write_tx() as conn:  # tokens and challenges of before are void
            conn.execute(db.tokens.delete())
            conn.execute(db.challenges.delete())
        _reapply_revocations(store, revoked)
        return store.new_epoch()
    finally:
        engine.dispose()
