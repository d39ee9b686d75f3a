"""How ``dragoman serve`` exposes the app: which address, which Host names, whether writes need a token.

Why these rules:
- The default address is 127.0.0.1: the dashboard is a local tool and ``POST /api/documents``
  writes to the database, so nothing is reachable from the network unless asked for.
- Bound to loopback, requests naming any Host but the loopback names are refused (a web page on
  another site cannot reach the server through DNS rebinding); no token is needed, unless
  ``$DRAGOMAN_TOKEN`` is set.
- Bound to any other address (``--host 0.0.0.0``, a LAN address, IPv6), anyone who can reach the
  port can read, but only a holder of the token can write: ``$DRAGOMAN_TOKEN`` when set, else a
  random one printed once on stderr. A token is never taken from the command line, where other
  users of the machine could read it in the process list.
- uvicorn's own limits stay on: a request line and headers that have not ended after 16 KiB are
  refused by h11, and at most ``MAX_CONNECTIONS`` requests are served at once (others get 503 at
  once, not a queue).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
TOKEN_ENV = "DRAGOMAN_TOKEN"
MAX_CONNECTIONS = 256
MAX_HEADERS = 16 * 1024   # bytes of request line and headers h11 buffers while waiting for their end
# Seconds an idle keep-alive connection stays open. uvicorn's 5 s closes connections a busy dashboard
# is about to reuse; a request sent as the close is on its way fails ("server disconnected").
KEEP_ALIVE = 30


@dataclass(frozen=True)
class Plan:
    """What ``serve`` does for one ``--host``: Host names accepted (None: any) and the write token."""

    host: str
    loopback: bool
    allowed_hosts: list[str] | None
    token: str | None
    token_generated: bool = False


def is_loopback(host: str) -> bool:
    """IPv4 loopback or ``localhost`` (Starlette's host check cannot parse bracketed IPv6 hosts, so
    ``::1`` is treated as "another address": open Host names, token required)."""
    if host == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback and ip.version == 4


def plan(host: str = DEFAULT_HOST, environ: dict[str, str] | None = None) -> Plan:
    """The Host check and token for serving on ``host`` (``environ``: default ``os.environ``)."""
    from dragoman.server.app import LOOPBACK_HOSTS

    env = os.environ if environ is None else environ
    given = (env.get(TOKEN_ENV) or "").strip() or None
    if is_loopback(host):
        return Plan(host, True, [*LOOPBACK_HOSTS, host], given)
    if given is not None:
        return Plan(host, False, None, given)
    return Plan(host, False, None, secrets.token_urlsafe(24), token_generated=True)


def serve(db: str, host: str = DEFAULT_HOST, port: int = 8000) -> int:
    """Runs the server until interrupted; returns the exit status of ``dragoman serve``."""
    import uvicorn

    from dragoman.server.app import create_app
    from dragoman.server.db import Unavailable

    if not 0 < port < 65536:
        print(f"dragoman: --port must be 1-65535, got {port}", file=sys.stderr)
        return 2
    how = plan(host)
    try:
        app = create_app(db, allowed_hosts=how.allowed_hosts, token=how.token)
    except Unavailable as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 1
    shown = f"[{host}]" if ":" in host else host
    print(f"dragoman: serving {db} at http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if how.token_generated:
        print(f"dragoman: {host} is not loopback: adding documents (POST /api/documents) needs the header "
              f"'Authorization: Bearer {how.token}' (set ${TOKEN_ENV} to choose the token)",
              file=sys.stderr, flush=True)
    elif how.token is not None:
        print(f"dragoman: adding documents needs the token in ${TOKEN_ENV} (Authorization: Bearer …)",
              file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=MAX_CONNECTIONS,
                server_header=False, h11_max_incomplete_event_size=MAX_HEADERS, timeout_keep_alive=KEEP_ALIVE)
    return 0
