"""A hostile HTTPS proxy for the sync tests: it terminates TLS with the server's own certificate
(so the client's pin still holds), reads each HTTP request and, at random (seeded), cuts the
connection before forwarding, forwards and cuts before answering (the request was applied but
the client never hears of it), forwards the request twice (a duplicate) or passes it through."""

from __future__ import annotations

import http.client
import random
import socket
import ssl
import threading
from pathlib import Path


class FlakyProxy:
    def __init__(self, listen_port: int, target_port: int, cert: Path, key: Path, *, seed: int = 7,
                 cut_before: float = 0.15, cut_after: float = 0.15, duplicate: float = 0.15) -> None:
        self.target_port = target_port
        self.rng = random.Random(seed)
        self.odds = (cut_before, cut_after, duplicate)
        self.counts = {"cut_before": 0, "cut_after": 0, "duplicate": 0, "passed": 0}
        self.enabled = True
        self._lock = threading.Lock()
        self._server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._server_ctx.load_cert_chain(str(cert), str(key))
        self._client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self._client_ctx.check_hostname = False
        self._client_ctx.load_verify_locations(str(cert))
        self._sock = socket.create_server(("127.0.0.1", listen_port))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        self._thread.join(timeout=10)

    def _choice(self) -> str:
        with self._lock:
            if not self.enabled:
                self.counts["passed"] += 1
                return "passed"
            x = self.rng.random()
            before, after, dup = self.odds
            name = ("cut_before" if x < before else "cut_after" if x < before + after
                    else "duplicate" if x < before + after + dup else "passed")
            self.counts[name] += 1
            return name

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str]:
        up = http.client.HTTPSConnection("127.0.0.1", self.target_port, context=self._client_ctx, timeout=60)
        try:
            up.request(method, path, body=body or None, headers=headers)
            r = up.getresponse()
            return r.status, r.read(), r.getheader("Content-Type", "application/json")
        finally:
            up.close()

    def _handle(self, raw: socket.socket) -> None:
        try:
            tls = self._server_ctx.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):
            raw.close()
            return
        try:
            f = tls.makefile("rb")
            line = f.readline().decode("latin-1").strip()
            if not line:
                return
            method, path, _ = line.split(" ", 2)
            headers: dict[str, str] = {}
            while (h := f.readline().decode("latin-1").strip()):
                k, v = h.split(":", 1)
                headers[k.strip()] = v.strip()
            length = int(headers.get("Content-Length", "0"))
            body = f.read(length) if length else b""
            keep = {k: v for k, v in headers.items() if k.lower() in ("authorization", "content-type", "accept")}
            choice = self._choice()
            if choice == "cut_before":
                return
            status, answer, ctype = self._forward(method, path, keep, body)
            if choice == "duplicate":
                status, answer, ctype = self._forward(method, path, keep, body)
            if choice == "cut_after":
                return
            head = (f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(answer)}\r\n"
                    f"Connection: close\r\n\r\n").encode("latin-1")
            tls.sendall(head + answer)
        except (OSError, ValueError, http.client.HTTPException):
            pass
        finally:
            try:
                tls.close()
            except OSError:
                pass
