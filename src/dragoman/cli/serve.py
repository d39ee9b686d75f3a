"""``dragoman serve``: the HTTP API and the dashboard over one database (CONTRACT.md).

Binds to 127.0.0.1 by default: the dashboard is a local tool, and a POST route writes to the
database. When bound to loopback, requests naming any other host are refused (DNS rebinding);
bound to any other address, adding documents needs a token (``dragoman.server.serving``).
"""

from __future__ import annotations

import argparse

from dragoman.cli.common import default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="HTTP API + dashboard (http://127.0.0.1:8000/)")
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB); "
                                              "created empty when absent")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1); any other address makes POST need a token "
                        "($DRAGOMAN_TOKEN, else one is generated and printed)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.server.serving import serve

    db = args.db or default_db()
    return serve(db, args.host, args.port)
