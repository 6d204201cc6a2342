"""CloudFormation's side of the protocol: an HTTPS server taking PUTs on pre-signed-style URLs."""

import json
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import trustme

SIGNATURE = "5f1a9e0c7b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
CREDENTIAL = "AKIAIOSFODNN7EXAMPLE%2F20261128%2Fus-east-1%2Fs3%2Faws4_request"
# What must never appear in logs: the parts of a pre-signed URL that grant access.
SECRETS = ("X-Amz-Signature", "X-Amz-Credential", SIGNATURE, "AKIAIOSFODNN7EXAMPLE")


@dataclass
class ResponseServer:
    """Where responses land: the accepted bodies per URL path, every attempt, and faults to answer with."""

    port: int
    ca_file: Path
    received: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    attempts: dict[str, list[str]] = field(default_factory=dict)
    faults: dict[str, list[str]] = field(default_factory=dict)
    arrivals: dict[str, list[float]] = field(default_factory=dict)

    def url_for(self, stack_id: str, logical_id: str, request_id: str) -> str:
        """A ResponseURL shaped like CloudFormation's pre-signed S3 URL."""
        key = quote(f"{stack_id}|{logical_id}|{request_id}", safe="")
        return (
            f"https://127.0.0.1:{self.port}/cloudformation-custom-resource-response-useast1/{key}"
            "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261128T150000Z&X-Amz-SignedHeaders=host"
            f"&X-Amz-Expires=7199&X-Amz-Credential={CREDENTIAL}&X-Amz-Signature={SIGNATURE}"
        )

    def responses(self, url: str) -> list[dict[str, Any]]:
        """Every body accepted at this ResponseURL, in order."""
        return self.received.get(_path(url), [])

    def attempts_at(self, url: str) -> list[str]:
        """How each PUT to this URL was answered: "200", "500" or "drop"."""
        return self.attempts.get(_path(url), [])

    def arrived_at(self, url: str) -> list[float]:
        """When each accepted body arrived, on time.perf_counter()."""
        return self.arrivals.get(_path(url), [])

    def refuse(self, url: str, *faults: str) -> None:
        """Answer the next PUTs to this URL with faults: "drop" closes the connection unanswered, "500" errs."""
        self.faults.setdefault(_path(url), []).extend(faults)


def _path(url: str) -> str:
    return "/" + url.split("127.0.0.1:", 1)[1].split("/", 1)[1].split("?", 1)[0]


@contextmanager
def response_server(directory: Path) -> Iterator[ResponseServer]:
    """Serve HTTPS on loopback with a certificate from a test CA written to directory/ca.pem."""
    ca = trustme.CA()
    ca_file = directory / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    state = ResponseServer(port=0, ca_file=ca_file)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.path.split("?", 1)[0]
            faults = state.faults.get(path) or ["200"]
            answer = faults.pop(0)
            state.attempts.setdefault(path, []).append(answer)
            if answer == "drop":
                self.close_connection = True
                return
            if answer == "200":
                state.received.setdefault(path, []).append(json.loads(body))
                state.arrivals.setdefault(path, []).append(time.perf_counter())
            self.send_response(int(answer))
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(tls)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
