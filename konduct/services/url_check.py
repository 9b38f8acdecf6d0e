"""'Test URL': does a landing page answer? Bounded in time, and never a door into our network.

The server fetches a URL someone typed, so the address is resolved first and
refused when it points at a private, loopback, link-local or otherwise
internal address (unless a test setting allows loopback). Redirects are not
followed blindly: each hop is checked the same way, at most five hops.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

MAX_REDIRECTS = 5
TIMEOUT_S = 5.0


@dataclass(frozen=True)
class UrlCheck:
    ok: bool
    status: int | None
    final_url: str
    seconds: float
    problem: str = ""


def _internal(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        raise LookupError(f"{host} does not resolve: check the spelling of the address") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        ):
            return True
    return False


def check_url(url: str, *, allow_internal: bool = False, timeout: float = TIMEOUT_S) -> UrlCheck:
    started = time.perf_counter()

    def result(ok: bool, status: int | None, final: str, problem: str = "") -> UrlCheck:
        return UrlCheck(ok, status, final, round(time.perf_counter() - started, 3), problem)

    current = url
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            for _ in range(MAX_REDIRECTS + 1):
                parts = urlsplit(current)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    return result(False, None, current, "only http:// and https:// pages")
                if not allow_internal and _internal(parts.hostname):
                    return result(False, None, current, "that address is inside a private network")
                response = client.get(current, headers={"User-Agent": "Konduct link check"})
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    return result(
                        False,
                        response.status_code,
                        current,
                        f"the page answered {response.status_code} {response.reason_phrase}",
                    )
                return result(True, response.status_code, current)
        return result(False, None, current, f"more than {MAX_REDIRECTS} redirects")
    except LookupError as unresolved:
        return result(False, None, current, str(unresolved))
    except httpx.TimeoutException:
        return result(False, None, current, f"no answer within {timeout:g} s")
    except httpx.HTTPError as failure:
        return result(False, None, current, f"could not connect ({type(failure).__name__})")
