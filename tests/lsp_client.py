"""A minimal Language Server Protocol client over stdio, as an editor talks to ``pactc lsp``."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


class Client:
    """Starts ``python -m pactc lsp`` and exchanges framed JSON-RPC messages with it."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "pactc", "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        self.notifications: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                chunk = self.proc.stdout.read(1)
                if not chunk:
                    return
                header += chunk
            length = int(next(line for line in header.decode().split("\r\n") if line.lower().startswith(
                "content-length")).split(":")[1])
            self.messages.put(json.loads(self.proc.stdout.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        """Send a request and wait for its response (notifications met meanwhile are kept)."""
        self.next_id += 1
        ident = self.next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result")
            self.notifications.append(message)
        raise TimeoutError(method)

    def diagnostics(self, uri: str, timeout: float = 30, where: Any = None) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (that satisfy ``where``, if given)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in list(self.notifications):
                if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                    self.notifications.remove(message)
                    found = message["params"]["diagnostics"]
                    if where is None or where(found):
                        return found
            try:
                self.notifications.append(self.messages.get(timeout=0.05))
            except queue.Empty:
                pass
        raise TimeoutError(f"pas de diagnostics pour {uri}")

    def start(self, root: Path) -> None:
        """initialize and initialized."""
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})

    def stop(self) -> int:
        """shutdown and exit; the server's exit code."""
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            return self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()
