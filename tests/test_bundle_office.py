"""The signed office-server.toml rides inside a session bundle (issue 10): named in session.toml,
checked at build against the signing clerk's key, carried encrypted (``office.age``), its hash
checked at every opening, and imported by ``paperless connect --from-bundle`` exactly as a file
given on its own would be. Real files, the real writer and reader, the real CLI in subprocesses."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bundle_helpers import People, flip_bit_in_entry, unlock
from office_bundle_helpers import (
    OfficeFiles,
    build,
    cli,
    make_office_files,
    one_line_error,
    session_with_office,
)

from paperless.core.bundle import TamperedError, open_bundle, verify_bundle
from paperless.core.bundle.manifest import OFFICE_NAME
from paperless.core.bundle.writer import OfficeFileSignerError
from paperless.core.identity import load_card
from paperless.core.library import Library
from paperless.core.session import SessionFileError, load_session
from paperless.core.sync.errors import OfficeFileError
from paperless.core.sync.office import bundled_office, load_office, parse_office_file


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory, people: People) -> OfficeFiles:
    return make_office_files(tmp_path_factory.mktemp("office-files"), people)


@pytest.fixture(scope="module")
def office_bundle(tmp_path_factory: pytest.TempPathFactory, people: People, office_files: OfficeFiles) -> Path:
    """A bundle (version 1) carrying the good office file; tests copy it before changing it."""
    root = tmp_path_factory.mktemp("office-session")
    return build(session_with_office(root, people, office_files.good), people, root / "out" / "s.paperless")


def _trusted(people: People) -> list:  # type: ignore[type-arg]
    return [load_card(people.clerk)]


def test_office_file_rides_in_the_bundle_and_connects(tmp_path: Path, people: People, office_files: OfficeFiles,
                                                      office_bundle: Path) -> None:
    """The round trip: the clerk's CLI builds it, inspect says so, a member connects from the bundle."""
    session = session_with_office(tmp_path / "s", people, office_files.good)
    out = tmp_path / "b.paperless"
    r = cli("bundle", "build", session, "--signer", people.clerk, "--out", out,
            "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert r.returncode == 0, r.stderr
    assert "carries the office-server file" in r.stdout
    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
        stored = z.read(OFFICE_NAME)
    assert manifest["format_version"] == 2
    assert [e["kind"] for e in manifest["entries"]][:2] == ["agenda", "office"]
    assert office_files.url.encode() not in stored and b"office_server" not in stored  # encrypted: no address for strangers
    inspected = cli("bundle", "inspect", out)
    assert inspected.returncode == 0 and "Office server: the bundle carries the office-server file" in inspected.stdout
    assert verify_bundle(out, _trusted(people)).manifest.office is not None

    with open_bundle(out, unlock(people.member("binh")), _trusted(people)) as opened:
        assert opened.office_file == office_files.good.read_bytes()  # the clerk's file, padding dropped
        server = bundled_office(opened.office_file, opened.signer, "b", _trusted(people))
    original = parse_office_file(office_files.good.read_bytes(), _trusted(people))
    assert (server.url, server.certificate_sha256, server.server_id) == (
        office_files.url, original.certificate_sha256, original.server_id)

    home = tmp_path / "home"
    c = cli("connect", "--from-bundle", out, "--identity", people.member("binh"), "--trust", people.clerk,
            "--passphrase-env", "PAPERLESS_PASSPHRASE", home=home)
    assert c.returncode == 0, c.stderr
    assert f"Connected to the office server {office_files.url}." in c.stdout
    library = Library.open(home, unlock(people.member("binh")))
    kept = load_office(library.folder, library.trusted_signers())  # verified again as a file of its own
    assert kept is not None and kept.certificate_sha256 == original.certificate_sha256


def test_office_entry_decrypts_with_age_to_a_file_connect_accepts(tmp_path: Path, people: People,
                                                                  office_files: OfficeFiles,
                                                                  office_bundle: Path) -> None:
    """The format is standard: ``age -d`` of office.age gives an office-server.toml (padded with newlines)."""
    age = shutil.which("age")
    assert age is not None, "the age tool is needed (apt-get install age)"
    secret = cli("identity", "export-secret", people.member("cuong"), "--passphrase-env", "PAPERLESS_PASSPHRASE")
    key = tmp_path / "cuong.key"
    key.write_text(secret.stdout)
    with zipfile.ZipFile(office_bundle) as z:
        (tmp_path / "office.age").write_bytes(z.read(OFFICE_NAME))
    plain = subprocess.run([age, "-d", "-i", str(key), str(tmp_path / "office.age")], capture_output=True,
                           check=True).stdout
    (tmp_path / "office-server.toml").write_bytes(plain)
    c = cli("connect", tmp_path / "office-server.toml", "--identity", people.member("cuong"), "--trust", people.clerk,
            "--passphrase-env", "PAPERLESS_PASSPHRASE", home=tmp_path / "home")
    assert c.returncode == 0 and office_files.url in c.stdout, c.stderr


def test_office_file_signed_by_another_key_is_refused_at_build(tmp_path: Path, people: People,
                                                               office_files: OfficeFiles) -> None:
    session = session_with_office(tmp_path, people, office_files.rogue)
    out = tmp_path / "b.paperless"
    with pytest.raises(OfficeFileSignerError) as caught:
        build(session, people, out)
    assert "Văn phòng Tỉnh ủy" in caught.value.message("en")
    assert "không được ký bằng khóa văn thư" in caught.value.message("vi")
    r = cli("bundle", "build", session, "--signer", people.clerk, "--out", out,
            "--passphrase-env", "PAPERLESS_PASSPHRASE")
    line = one_line_error(r)
    assert "office-server.toml cannot go with this session: it is not signed with the clerk key" in line
    assert not out.exists() and not list(tmp_path.glob(".b.paperless*"))  # nothing half-written


def test_a_damaged_office_file_is_refused_at_build(tmp_path: Path, people: People, office_files: OfficeFiles) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(office_files.good.read_text("utf-8").replace(office_files.url, office_files.moved_url), "utf-8")
    session = session_with_office(tmp_path, people, bad)
    with pytest.raises(OfficeFileError, match="signature does not verify"):
        build(session, people, tmp_path / "b.paperless")
    assert not (tmp_path / "b.paperless").exists()


def test_session_toml_office_server_errors_name_file_and_line(tmp_path: Path, people: People,
                                                               office_files: OfficeFiles) -> None:
    session = session_with_office(tmp_path, people, office_files.good)
    text = session.read_text("utf-8")
    session.write_text(text.replace('office_server = "office-server.toml"', 'office_server = "missing.toml"'))
    with pytest.raises(SessionFileError) as caught:
        load_session(session)
    assert caught.value.message("en").endswith("line 2: office-server file not found: missing.toml")
    session.write_text(text.replace('office_server = "office-server.toml"', "office_server = 3"))
    with pytest.raises(SessionFileError, match="line 2: 'office_server' must be a file path"):
        load_session(session)
    session.write_text(text)
    assert load_session(session).office_server == tmp_path / "office-server.toml"


def test_a_tampered_office_entry_is_refused_at_open(tmp_path: Path, people: People, office_bundle: Path) -> None:
    bad = flip_bit_in_entry(office_bundle, tmp_path / "bad.paperless", OFFICE_NAME, where=-20)
    with pytest.raises(TamperedError, match="office.age has been altered"):
        open_bundle(bad, unlock(people.member("an")), _trusted(people))
    with pytest.raises(TamperedError, match="office.age has been altered"):
        verify_bundle(bad, _trusted(people))
    home = tmp_path / "home"
    r = cli("connect", "--from-bundle", bad, "--identity", people.member("an"), "--trust", people.clerk,
            "--passphrase-env", "PAPERLESS_PASSPHRASE", home=home)
    assert "office.age has been altered" in one_line_error(r)
    assert not list(home.rglob("office-server.toml"))  # not connected


def test_an_office_entry_in_a_format_1_manifest_is_refused(tmp_path: Path, people: People,
                                                           office_bundle: Path) -> None:
    """Format 2 is format 1 plus exactly one office entry; a manifest claiming 1 with one is not read."""
    from paperless.core.bundle.manifest import Manifest, ManifestFormatError

    with zipfile.ZipFile(office_bundle) as z:
        raw = json.loads(z.read("manifest.json"))
    raw["format_version"] = 1
    with pytest.raises(ManifestFormatError, match="wrong number of office entries"):
        Manifest.from_json(json.dumps(raw).encode())


def test_an_old_bundle_without_an_office_file_still_opens(tmp_path: Path, people: People, bundle: Path) -> None:
    """A bundle without office_server is written exactly as before (format_version 1) and opens."""
    with zipfile.ZipFile(bundle) as z:
        assert json.loads(z.read("manifest.json"))["format_version"] == 1
        assert OFFICE_NAME not in z.namelist()
    with open_bundle(bundle, unlock(people.member("an")), _trusted(people)) as opened:
        assert opened.office_file is None and opened.manifest.office is None
        assert opened.read_document(opened.agenda.items[0].documents[0].entry).startswith(b"%PDF")
    inspected = cli("bundle", "inspect", bundle)
    assert inspected.returncode == 0 and "Office server" not in inspected.stdout
    r = cli("connect", "--from-bundle", bundle, "--identity", people.member("an"), "--trust", people.clerk,
            "--passphrase-env", "PAPERLESS_PASSPHRASE", home=tmp_path / "home")
    assert r.returncode == 64
    assert "carries no office-server file" in one_line_error(r)


def test_connect_needs_exactly_one_source(tmp_path: Path, people: People, office_files: OfficeFiles,
                                          office_bundle: Path) -> None:
    base = ("--identity", people.member("an"), "--passphrase-env", "PAPERLESS_PASSPHRASE")
    both = cli("connect", office_files.good, "--from-bundle", office_bundle, *base, home=tmp_path / "h")
    assert both.returncode == 64 and "one of the two" in one_line_error(both)
    neither = cli("connect", *base, home=tmp_path / "h")
    assert neither.returncode == 64 and "one of the two" in one_line_error(neither)
    missing = cli("connect", "--from-bundle", tmp_path / "nope.paperless", *base, "--trust", people.clerk,
                  home=tmp_path / "h")
    one_line_error(missing)


def test_connect_from_bundle_refuses_an_office_file_of_another_office(tmp_path: Path, people: People,
                                                                      office_files: OfficeFiles) -> None:
    """Even if a writer let it through, a member trusting two offices does not take the server of
    one from a session signed by the other: the file must be signed by the bundle's own signer."""
    from paperless.core.bundle import writer

    spec = load_session(session_with_office(tmp_path, people, None))
    clerk = unlock(people.clerk)
    out = tmp_path / "b.paperless"
    out.parent.mkdir(exist_ok=True)
    writer._write_zip(spec, clerk, out, [[] for _ in spec.items], 1, lambda *a: None, None,
                      office_files.rogue.read_bytes())
    home = tmp_path / "home"
    library = Library.open(home, unlock(people.member("an")))
    library.trust(load_card(people.clerk))
    library.trust(load_card(people.root / "rogue"))
    r = cli("connect", "--from-bundle", out, "--identity", people.member("an"), "--passphrase-env",
            "PAPERLESS_PASSPHRASE", home=home)
    assert "signed by another office than the session" in one_line_error(r)
    assert not (library.folder / "office-server.toml").exists()
