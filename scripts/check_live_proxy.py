"""Through a running nginx (scripts/check-deploy.sh starts it): a page, the API, /metrics, /_event.

Standard library only. Environment: HTTPS_PORT, HTTP_PORT (nginx on 127.0.0.1) and
KONDUCT_UPSTREAM (host:port of the app behind it); WS_ORIGIN, the app's APP_URL when it is
not `make run`'s http://localhost:PORT. Prints what it saw; exits 1 on a failure.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import json
import os
import re
import secrets
import socket
import ssl
import sys

HTTPS_PORT = int(os.environ["HTTPS_PORT"])
HTTP_PORT = int(os.environ["HTTP_PORT"])
UPSTREAM = os.environ["KONDUCT_UPSTREAM"]
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # the certificate was made a minute ago for this check
failures: list[str] = []


def check(condition: object, message: str) -> None:
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def https(method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    connection = http.client.HTTPSConnection("127.0.0.1", HTTPS_PORT, context=TLS, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


def main() -> int:
    plain = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=10)
    plain.request("GET", "/campaigns?x=1")
    redirect = plain.getresponse()
    check(
        redirect.status == 301
        and redirect.getheader("Location") == "https://127.0.0.1/campaigns?x=1",
        f"http:// redirects to https:// ({redirect.status} -> {redirect.getheader('Location')})",
    )

    page, raw = https("GET", "/", headers={"Accept-Encoding": "gzip"})
    html = gzip.decompress(raw).decode() if page.getheader("Content-Encoding") == "gzip" else ""
    check(page.status == 200 and "<html" in html, f"landing page over TLS: {page.status}")
    check(page.getheader("Content-Encoding") == "gzip", "page is gzip-compressed")
    for header in ("Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options",
                   "Referrer-Policy"):  # fmt: skip
        check(page.getheader(header), f"{header}: {page.getheader(header)}")
    check(page.getheader("Server") == "nginx", "Server header without a version")

    asset = re.search(r'(/assets/[^"\']+\.js)', html)
    check(asset, "the page references a built /assets/ script")
    if asset:
        script, body = https("GET", asset.group(1), headers={"Accept-Encoding": "gzip"})
        check(
            script.status == 200 and "immutable" in (script.getheader("Cache-Control") or ""),
            f"{asset.group(1)}: {script.status}, Cache-Control {script.getheader('Cache-Control')}",
        )

    health, body = https("GET", "/api/health")
    check(
        health.status == 200 and json.loads(body)["status"] == "ok",
        f"GET /api/health through nginx: {health.status} {body[:80]!r}",
    )
    generated, body = https(
        "POST",
        "/api/campaigns/generate-id",
        body=json.dumps({"platform": "Facebook", "objective": "Traffic"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    check(
        generated.status == 200 and "campaign_id" in json.loads(body),
        f"POST /api/campaigns/generate-id through nginx: {generated.status} {body[:60]!r}",
    )
    check(generated.getheader("X-RateLimit-Limit"), "rate-limit headers pass through")

    closed, _ = https("GET", "/metrics")
    check(closed.status == 404, f"/metrics through nginx is closed: {closed.status}")
    host, port = UPSTREAM.rsplit(":", 1)
    direct = http.client.HTTPConnection(host, int(port), timeout=10)
    direct.request("GET", "/metrics")
    scraped = direct.getresponse()
    text = scraped.read().decode()
    check(
        scraped.status == 200 and "konduct_http_requests_total" in text,
        f"/metrics straight from the app on loopback: {scraped.status}",
    )
    counted = re.search(
        r'konduct_http_requests_total\{method="POST",route="/api/campaigns/generate-id",'
        r'status="200"\} (\d+)',
        text,
    )
    check(counted, f"the POST above was counted: {counted.group(0) if counted else None}")

    check_websocket()
    print(f"\n{len(failures)} failure(s)" if failures else "\nlive proxy checks passed")
    return 1 if failures else 0


def check_websocket() -> None:
    """Reflex's socket.io handshake on /_event, upgraded through nginx over TLS."""
    raw = socket.create_connection(("127.0.0.1", HTTPS_PORT), timeout=10)
    sock = TLS.wrap_socket(raw, server_hostname="localhost")
    key = base64.b64encode(secrets.token_bytes(16)).decode()
    # The app admits its own origin (APP_URL) only: `make run`'s is http://localhost:PORT.
    origin = os.environ.get("WS_ORIGIN") or f"http://localhost:{UPSTREAM.rsplit(':', 1)[1]}"
    sock.sendall(
        (
            "GET /_event/?EIO=4&transport=websocket HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{HTTPS_PORT}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
        ).encode()
    )
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n")[0].decode()
    check(" 101 " in status_line, f"/_event websocket upgrade through nginx: {status_line}")
    if " 101 " not in status_line:
        return
    while len(rest) < 2:
        rest += sock.recv(4096)
    length = rest[1] & 0x7F
    offset = 2
    if length == 126:
        while len(rest) < 4:
            rest += sock.recv(4096)
        length, offset = int.from_bytes(rest[2:4], "big"), 4
    while len(rest) < offset + length:
        rest += sock.recv(4096)
    packet = rest[offset : offset + length].decode()
    check(
        packet.startswith("0{") and '"sid"' in packet,
        f"socket.io open packet from the app: {packet[:70]}",
    )
    sock.close()


if __name__ == "__main__":
    sys.exit(main())
