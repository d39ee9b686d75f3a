"""``dragoman serve``: the HTTP API and the dashboard over one database (CONTRACT.md).

Binds to 127.0.0.1 by default: the dashboard is a local tool, and a POST route writes to the
database. When bound to loopback, requests naming any other host are refused (DNS rebinding).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="HTTP API + dashboard (http://127.0.0.1:8000/)")
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB); "
                                              "created empty when absent")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(run=run)


def _loopback(host: str) -> bool:
    """IPv4 loopback or localhost (Starlette's host check cannot parse bracketed IPv6 hosts)."""
    if host == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback and ip.version == 4


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from dragoman.server.app import LOOPBACK_HOSTS, create_app
    from dragoman.server.db import Unavailable

    db = args.db or os.environ.get("DRAGOMAN_DB", "dragoman.duckdb")
    if not 0 < args.port < 65536:
        print(f"dragoman: --port must be 1-65535, got {args.port}", file=sys.stderr)
        return 2
    try:
        app = create_app(db, allowed_hosts=[*LOOPBACK_HOSTS, args.host] if _loopback(args.host) else None)
    except Unavailable as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 1
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"dragoman: serving {db} at http://{shown}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
