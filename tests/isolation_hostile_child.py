"""A child taken over by a hostile PDF, as the app sees it: it says a proper hello, reads the
app's request, then answers with something hostile. Started by the tests only, through the
``command`` seam of RenderProcess / the export functions:

    python -I tests/isolation_hostile_child.py MODE FD

It speaks the frame format by hand (struct), without importing paperless: what it sends is
exactly the bytes written here.
"""

from __future__ import annotations

import array
import os
import pickle
import socket
import struct
import sys
import time

PREFIX = struct.Struct("!4sIHH")
BLOB = struct.Struct("!Q")
MARKER_ENV = "unused"  # the child has no environment; the marker path comes in argv


def frame(header: bytes, blobs: list[bytes] = (), fds: int = 0, magic: bytes = b"PLC1") -> bytes:  # type: ignore[assignment]
    out = PREFIX.pack(magic, len(header), len(blobs), fds) + header
    for blob in blobs:
        out += BLOB.pack(len(blob)) + blob
    return out


def read_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(min(n - len(data), 1 << 20))
        if not chunk:
            raise SystemExit(0)
        data += chunk
    return data


def read_request(sock: socket.socket) -> None:
    _magic, header_len, nblobs, _nfds = PREFIX.unpack(read_exactly(sock, PREFIX.size))
    read_exactly(sock, header_len)
    for _ in range(nblobs):
        (length,) = BLOB.unpack(read_exactly(sock, BLOB.size))
        read_exactly(sock, length)


class Reduce:
    """Unpickling this runs ``os.system`` (the attack the old export helper allowed)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def shared_references(depth: int = 60) -> bytes:
    """A few hundred bytes that unpickle to 2**depth references: ``str()`` of it never ends."""
    value: list[object] = ["ab"]
    for _ in range(depth):
        value = [value, value]
    return pickle.dumps(value, protocol=2)


def hostile(mode: str, marker: str) -> bytes:
    if mode == "pickle-reduce":
        return pickle.dumps(("ok", Reduce(marker)))
    if mode == "pickle-shared":
        return shared_references()
    if mode == "module-error":  # the old helper imported the module a child named
        return frame(b'["known",["os","system",{"command":"touch ' + marker.encode() + b'"}]]')
    if mode == "class-error":
        return frame(b'["err","paperless.core.errors.PaperlessError","boom",""]')
    if mode == "deep":
        return frame(b"[" * 100_000 + b"]" * 100_000)
    if mode == "absurd-blob":
        return PREFIX.pack(b"PLC1", 23, 1, 0) + b'["pixels",10,10,30]    ' + BLOB.pack(2**62)
    if mode == "absurd-header":
        return PREFIX.pack(b"PLC1", 2**32 - 1, 0, 0)
    if mode == "wrong-type":
        return frame(b'["ok","not a list of page sizes"]')
    if mode == "nan":
        return frame(b'["ok",[[NaN,1.0]]]')
    if mode == "big-int":
        return frame(b'["ok",[[' + b"9" * 5000 + b',1.0]]]')
    if mode == "bad-magic":
        return frame(b'["ok"]', magic=b"PKL!")
    raise SystemExit(f"unknown mode {mode}")


def main() -> None:
    mode, marker, fd = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sock = socket.socket(fileno=fd)
    target = "export" if mode.startswith("export-") else "render"
    mode = mode.removeprefix("export-")
    hello = b'["hello","%s",%d,[],[]]' % (target.encode(), os.getpid())
    sock.sendall(frame(hello))
    read_request(sock)
    if mode == "half":  # half a frame, then silence
        sock.sendall(frame(b'["ok",[[595.0,842.0]]]')[:9])
        time.sleep(3600)
    elif mode == "fds":  # three descriptors nobody asked for
        fds = [os.open("/dev/null", os.O_RDONLY) for _ in range(3)]
        sock.sendmsg([frame(b'["ok",[[595.0,842.0]]]', fds=3)],
                     [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
    else:
        sock.sendall(hostile(mode, marker))
    time.sleep(3600)  # as a taken-over child would: linger until killed


if __name__ == "__main__":
    main()
