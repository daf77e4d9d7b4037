"""A TCP proxy that cuts downloads: each connection forwards the client's bytes whole and the
server's bytes up to a budget (a random offset, seeded), then closes both sides. TLS passes
through untouched (the client's pin holds); ``forwarded`` records, per connection, how many bytes
of the server's answer reached the client."""

from __future__ import annotations

import random
import socket
import threading
from contextlib import suppress


class CuttingProxy:
    def __init__(self, target_port: int, *, cuts: int, low: int, high: int, seed: int = 11) -> None:
        self.target_port = target_port
        self.rng = random.Random(seed)
        self.cuts_left = cuts
        self.low, self.high = low, high
        self.forwarded: list[int] = []  # per connection, in order of acceptance
        self.budgets: list[int | None] = []
        self._lock = threading.Lock()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._sock.getsockname()[1])
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        self._thread.join(timeout=10)
        for t in self._threads:
            t.join(timeout=10)

    def arm(self, cuts: int) -> None:
        with self._lock:
            self.cuts_left = cuts

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                index = len(self.forwarded)
                self.forwarded.append(0)
                budget: int | None = None
                if self.cuts_left > 0:
                    self.cuts_left -= 1
                    budget = self.rng.randint(self.low, self.high)
                self.budgets.append(budget)
            t = threading.Thread(target=self._handle, args=(client, index, budget), daemon=True)
            self._threads.append(t)
            t.start()

    def _handle(self, client: socket.socket, index: int, budget: int | None) -> None:
        try:
            server = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            client.close()
            return

        def upstream() -> None:
            with suppress(OSError):
                while data := client.recv(65536):
                    server.sendall(data)
            with suppress(OSError):
                server.shutdown(socket.SHUT_WR)

        up = threading.Thread(target=upstream, daemon=True)
        up.start()
        try:
            while True:
                data = server.recv(65536)
                if not data:
                    break
                if budget is not None:
                    room = budget - self.forwarded[index]
                    if room <= 0:
                        break
                    data = data[:room]
                client.sendall(data)
                with self._lock:
                    self.forwarded[index] += len(data)
        except OSError:
            pass
        finally:
            for s in (client, server):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            up.join(timeout=10)
