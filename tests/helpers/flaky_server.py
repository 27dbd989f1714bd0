"""A static server for the site that behaves like a real network can: it compresses
(gzip, as any real host does), counts the bytes it sends, and on demand stalls,
answers with an error status or refuses connections."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
import time
from pathlib import Path

COMPRESSED = (".html", ".js", ".css", ".svg", ".json", ".xml", ".txt", ".inv", ".webmanifest")


class Network:
    """What the server does now: ``mode`` is "ok", "stall" (hold each answer for
    ``stall_seconds``), "404", "500" or "down" (close the connection unanswered)."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.stall_seconds = 30.0
        self.sent = 0
        self.requests: list[str] = []
        self._lock = threading.Lock()

    def count(self, path: str, size: int) -> None:
        with self._lock:
            self.sent += size
            self.requests.append(path)

    def reset(self) -> None:
        with self._lock:
            self.sent, self.requests = 0, []


class _Handler(http.server.SimpleHTTPRequestHandler):
    network: Network

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 -- http.server's name
        mode = self.network.mode
        if mode == "down":
            self.close_connection = True
            self.connection.close()
            return
        if mode == "stall":
            time.sleep(self.network.stall_seconds)
        if mode in ("404", "500"):
            body = f"<!DOCTYPE html><title>{mode}</title><p>server error {mode}</p>".encode()
            self._send(int(mode), "text/html", body)
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the redirect to the folder
                return
            path = path / "index.html"
        if not path.is_file():
            self._send(404, "text/html", b"<!DOCTYPE html><title>404</title><p>not found")
            return
        self._send(200, self.guess_type(str(path)), path.read_bytes(), path.suffix)

    def _send(self, status: int, mime: str, body: bytes, suffix: str = ".html") -> None:
        zipped = suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, 6, mtime=0)
        head = [
            f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}",
            f"Content-Type: {mime}",
            f"Content-Length: {len(body)}",
            "Cache-Control: no-cache",
            "Connection: close",
        ] + (["Content-Encoding: gzip"] if zipped else [])
        raw = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        self.network.count(self.path, len(raw))
        self.wfile.write(raw)


@contextlib.contextmanager
def flaky_server(site: Path):
    """Serve ``site`` on 127.0.0.1; yields (base URL, :class:`Network`)."""
    network = Network()
    handler = functools.partial(
        type("Handler", (_Handler,), {"network": network}), directory=str(site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", network
    finally:
        network.mode, network.stall_seconds = "ok", 0
        server.shutdown()
        server.server_close()
