"""Issue 8 §7: no unbounded work before the signature is checked.

A manifest with a huge number and a ZIP directory with a huge number of entries are refused
in well under a second, with one line and a non-zero exit, by ``bundle inspect`` (which checks
no signature at all) and ``bundle verify``.
"""

from __future__ import annotations

import struct
import time
import zipfile
from pathlib import Path

import pytest
from bundle_helpers import People, rewrite_zip, run_cli, unlock

from paperless.core.bundle import inspect_bundle, verify_bundle
from paperless.core.bundle.errors import BundleError
from paperless.core.bundle.zipraw import MAX_ENTRIES, BundleFile
from paperless.core.identity import load_card

Entries = list[tuple[str, bytes]]
_EOCD = struct.Struct("<4s4H2LH")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")


def _manifest_with(bundle: Path, out: Path, old: bytes, new: bytes, *, sign_with: Path | None = None) -> Path:
    """The bundle with ``old`` replaced by ``new`` in its manifest (re-signed by ``sign_with``, if given)."""

    def edit(entries: Entries) -> Entries:
        manifest = dict(entries)["manifest.json"]
        assert old in manifest
        changed = manifest.replace(old, new, 1)
        result = [(n, changed if n == "manifest.json" else d) for n, d in entries]
        if sign_with is not None:
            sig = unlock(sign_with).signing_key.sign(changed, trusted_comment="insider").encode()
            result = [(n, sig if n == "manifest.json.minisig" else d) for n, d in result]
        return result

    return rewrite_zip(bundle, out, edit)


def _extra_entries(bundle: Path, out: Path, extra: int, *, zip64: bool, claimed: int | None = None) -> Path:
    """The bundle with ``extra`` more central-directory records (all pointing at the first entry).

    ``zip64``: the counts and sizes in a ZIP64 end record (needed beyond 65,535 entries);
    ``claimed``: the entry count the end records give (default: the true one).
    """
    data = bundle.read_bytes()
    at = data.rindex(b"PK\x05\x06")
    _sig, _disk, _cd_disk, _here, count, cd_size, cd_offset, _comment = _EOCD.unpack_from(data, at)
    assert b"PK\x06\x07" not in data[at - 20:at], "the test bundle has no ZIP64 end record"
    head, cd = data[:cd_offset], data[cd_offset:cd_offset + cd_size]
    zip64_sizes = struct.pack("<HH3Q", 1, 24, 1, 1, 0)  # as a writer stores a large entry's sizes and offset
    names = (f"documents/x{i:06d}.age".encode() for i in range(extra))
    cd += b"".join(
        _CENTRAL.pack(b"PK\x01\x02", 45, 3, 45, 0, 0x800, 0, 0, 0x21, 0, 0xFFFFFFFF, 0xFFFFFFFF, len(name),
                      len(zip64_sizes), 0, 0, 0, 0, 0xFFFFFFFF) + name + zip64_sizes
        for name in names
    )
    total = count + extra if claimed is None else claimed
    if zip64:
        record = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, total, total, len(cd), len(head))
        locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, len(head) + len(cd), 1)
        end = _EOCD.pack(b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
        out.write_bytes(head + cd + record + locator + end)
    else:
        out.write_bytes(head + cd + _EOCD.pack(b"PK\x05\x06", 0, 0, total, total, len(cd), len(head), 0))
    return out


def _timed_cli(*args: str | Path) -> tuple[float, object]:
    t = time.perf_counter()
    result = run_cli(*args)
    return time.perf_counter() - t, result


def _assert_quick_one_line_refusal(bad: Path, good: Path, people: People, *needles: str) -> None:
    """Refused by inspect and verify, in process and by the CLI, each in well under a second.

    The CLI's time is taken beyond that of the same command on the good bundle (starting
    Python is not the refusal's work, and the machine is shared).
    """
    trusted = [load_card(people.clerk)]
    for action in (lambda: inspect_bundle(bad), lambda: verify_bundle(bad, trusted)):
        t = time.perf_counter()
        with pytest.raises(BundleError):
            action()
        assert time.perf_counter() - t < 1.0
    for command in (("inspect",), ("verify", "--trust", people.clerk)):
        baseline, ok = _timed_cli("bundle", command[0], good, *command[1:])
        assert ok.returncode == 0, ok.stderr  # type: ignore[attr-defined]
        elapsed, r = _timed_cli("bundle", command[0], bad, *command[1:])
        err: str = r.stderr  # type: ignore[attr-defined]
        assert r.returncode == 3, (r.returncode, err)  # type: ignore[attr-defined]
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        for needle in needles:
            assert needle in err, err
        assert elapsed - baseline < 1.0, f"{command[0]} took {elapsed:.2f} s (the good bundle {baseline:.2f} s)"


def test_five_thousand_digit_number_in_the_manifest(bundle: Path, people: People, tmp_path: Path) -> None:
    """Python's int() refuses over 4,300 digits with ValueError (not JSONDecodeError): a traceback before."""
    bad = _manifest_with(bundle, tmp_path / "bad.paperless", b'"version": 2', b'"version": 2' + b"0" * 5000)
    _assert_quick_one_line_refusal(bad, bundle, people)
    assert "more than 15 digits" in run_cli("bundle", "inspect", bad).stderr
    assert "signature does not match" in run_cli("bundle", "verify", bad, "--trust", people.clerk).stderr


def test_five_thousand_digit_number_signed_by_the_office(bundle: Path, people: People, tmp_path: Path) -> None:
    """Even signed with the office's key, the number is refused as unreadable, not with a traceback."""
    bad = _manifest_with(bundle, tmp_path / "bad.paperless", b'"version": 2', b'"version": 2' + b"0" * 5000,
                         sign_with=people.clerk)
    _assert_quick_one_line_refusal(bad, bundle, people, "more than 15 digits")


@pytest.mark.parametrize("token", [b"NaN", b"Infinity", b"-Infinity", b"1e999999", b"12.5", b"1" * 16])
def test_numbers_that_are_not_small_whole_numbers(token: bytes, bundle: Path, people: People,
                                                  tmp_path: Path) -> None:
    bad = _manifest_with(bundle, tmp_path / "bad.paperless", b'"version": 2', b'"version": ' + token,
                         sign_with=people.clerk)
    r = run_cli("bundle", "inspect", bad)
    assert r.returncode == 3 and "manifest is unreadable" in r.stderr and "Traceback" not in r.stderr, r.stderr


@pytest.mark.parametrize("case", ["200,000 entries (ZIP64)", "60,000 entries", "few claimed, 200,000 present"])
def test_huge_zip_directory_is_refused_before_it_is_parsed(case: str, bundle: Path, people: People,
                                                           tmp_path: Path) -> None:
    """Before: zipfile parsed every record (over 2 s for 200,000) before the bundle was refused."""
    bad = tmp_path / "bad.paperless"
    if case == "200,000 entries (ZIP64)":
        _extra_entries(bundle, bad, 200_000, zip64=True)
    elif case == "60,000 entries":
        _extra_entries(bundle, bad, 60_000, zip64=False)
    else:
        _extra_entries(bundle, bad, 200_000, zip64=False, claimed=7)
    _assert_quick_one_line_refusal(bad, bundle, people, "far more than a bundle has")


def test_entry_count_that_does_not_match_the_directory(bundle: Path, people: People, tmp_path: Path) -> None:
    """A directory holding more records than its end record claims (within the bounds) is refused."""
    bad = _extra_entries(bundle, tmp_path / "bad.paperless", 10, zip64=False, claimed=7)
    r = run_cli("bundle", "inspect", bad)
    assert r.returncode == 3 and "does not hold the number of entries it claims" in r.stderr, r.stderr


def test_the_largest_directory_a_bundle_can_have_is_accepted(tmp_path: Path) -> None:
    """The bounds leave room for every entry the format allows (documents 0000–9999, office.age), as our writer stores them."""
    path = tmp_path / "full.paperless"
    names = ["manifest.json", "manifest.json.minisig", "agenda.age", "office.age",
             *(f"documents/{i:04d}.age" for i in range(10_000))]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name in names:
            with zf.open(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), "w", force_zip64=True) as f:
                f.write(b"x")
    assert len(names) == MAX_ENTRIES
    t = time.perf_counter()
    with BundleFile(path) as bf:
        assert sorted(bf.entries) == sorted(names)
    assert time.perf_counter() - t < 1.0
