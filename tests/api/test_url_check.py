"""'Test URL' against real local servers: answers, errors, silence, the private-network guard."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from konduct.services.url_check import check_url
from tests.api.accounts_helpers import signed_up


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802  (the name http.server calls)
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        self.send_response(200 if self.path in ("/ok", "/slow") else 404)
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_answers_redirects_and_errors(site: str) -> None:
    ok = check_url(f"{site}/ok", allow_internal=True)
    assert ok.ok and ok.status == 200
    moved = check_url(f"{site}/moved", allow_internal=True)
    assert moved.ok and moved.final_url.endswith("/ok")
    missing = check_url(f"{site}/gone", allow_internal=True)
    assert not missing.ok and missing.status == 404 and "404" in missing.problem


def test_silence_is_a_clear_timeout_not_a_hang(site: str) -> None:
    slow = check_url(f"{site}/slow", allow_internal=True, timeout=0.5)
    assert not slow.ok and "no answer within 0.5 s" in slow.problem
    assert slow.seconds < 2


def test_nothing_listening_is_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = check_url(f"http://127.0.0.1:{port}/", allow_internal=True)
    assert not closed.ok and "could not connect" in closed.problem


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:5432/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    refused = check_url(url)
    assert not refused.ok and "private network" in refused.problem


def test_unknown_hosts_say_so() -> None:
    answer = check_url("http://no-such-host.invalid/")
    assert not answer.ok and "does not resolve" in answer.problem


def test_the_endpoint_needs_sign_in_and_guards_the_network(client: TestClient, smtp_sink) -> None:
    assert client.post("/api/utm/check-url", json={"url": "http://127.0.0.1/"}).status_code == 401
    account = signed_up(client, smtp_sink)
    answer = client.post(
        "/api/utm/check-url", json={"url": "http://127.0.0.1/"}, headers=account.bearer
    ).json()
    assert answer["ok"] is False and "private network" in answer["problem"]
