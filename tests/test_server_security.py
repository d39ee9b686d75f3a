"""The server facing the network: where it binds, what it refuses before doing any work, who may write,
how values reach SQL, and that no route serves a file outside the dashboard's folder.

- ``dragoman serve`` binds 127.0.0.1 unless told otherwise, and then refuses other Host names;
- bound to any other address (here ``::1``, which the Host check cannot cover, so it counts as
  "another address" — and stays on this machine), ``POST /api/documents`` needs the token;
- a query string over 4 KiB or a path over 1 KiB is a 414, a body over 2 MiB a 413 (also when sent
  chunked, without a length), JSON nested 100,000 deep a 400 — never a 500;
- every value reaches SQL as a bound parameter: a canary sent in every parameter of every route
  never appears in any SQL text the store executes;
- raw HTTP requests for ``..``, encoded ``%2e%2e``/``%2f``, backslashes, NUL and absolute paths under
  ``/static`` get 404s and never a byte of a file outside the static folder.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from dashboard_data import build_db
from serving import terminate, wait_until_answering

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ARTICLE = {"id": "sec-1", "published": "2025-03-12", "outlet": "Test Wire",
           "text": "Armenian and Azerbaijani negotiators met in Istanbul on Tuesday for talks hosted by Türkiye."}


def _free_port(family: int = socket.AF_INET, host: str = "127.0.0.1") -> int:
    with socket.socket(family) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, host: str | None, log: Path, env: dict[str, str] | None = None):
    """``dragoman serve`` in a subprocess; yields (base URL, process)."""
    family = socket.AF_INET6 if host and ":" in host else socket.AF_INET
    bind = host or "127.0.0.1"
    port = _free_port(family, bind)
    args = [sys.executable, "-m", "dragoman", "serve", "--db", str(db), "--port", str(port)]
    args += ["--host", host] if host else []
    full_env = {k: v for k, v in os.environ.items() if k != "DRAGOMAN_TOKEN"} | (env or {})
    with open(log, "w+b") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=full_env)
        base = f"http://[{bind}]:{port}" if family == socket.AF_INET6 else f"http://{bind}:{port}"
        try:
            wait_until_answering(proc, base, out)
            yield base, proc
        finally:
            terminate(proc)


def _listening(port: int) -> list[str]:
    """The local addresses listening on ``port`` (from /proc/net/tcp and tcp6; Linux)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            pytest.skip("no /proc/net/tcp here")
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1])
                             if len(address) == 8 else f"ipv6:{address}")
    return found


def raw(port: int, request: bytes, host: str = "127.0.0.1", family: int = socket.AF_INET) -> tuple[int, bytes]:
    """Sends ``request`` as bytes (no client normalises the path) and returns (status, whole answer)."""
    with socket.socket(family) as s:
        s.settimeout(10)
        s.connect((host, port))
        s.sendall(request)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    answer = b"".join(chunks)
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, answer


def get(port: int, target: str, host_header: str = "127.0.0.1") -> tuple[int, bytes]:
    req = f"GET {target} HTTP/1.1\r\nHost: {host_header}\r\nConnection: close\r\n\r\n".encode("latin-1")
    return raw(port, req)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("security"))


@pytest.fixture(scope="module")
def loopback(db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    with serving(db, None, folder / "serve.log") as (base, proc):
        yield base, int(base.rsplit(":", 1)[1]), proc


# -- binding and who may write --------------------------------------------------------------------------

def test_serve_binds_loopback_by_default():
    from dragoman.cli.main import parser
    from dragoman.server.serving import plan

    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    default = plan(environ={})
    assert default.loopback and default.token is None and "127.0.0.1" in default.allowed_hosts
    wide = plan("0.0.0.0", environ={})
    assert not wide.loopback and wide.token and wide.token_generated and wide.allowed_hosts is None
    assert plan("0.0.0.0", environ={}).token != wide.token                       # random each time
    assert plan("192.168.1.5", environ={"DRAGOMAN_TOKEN": "s3cret"}).token == "s3cret"
    assert plan("localhost", environ={"DRAGOMAN_TOKEN": "s3cret"}).token == "s3cret"  # asked for: kept
    assert not plan("::1", environ={}).loopback                                   # no Host check there


def test_the_default_server_listens_on_loopback_only(loopback):
    base, port, proc = loopback
    assert base.startswith("http://127.0.0.1:")
    assert _listening(port) == ["127.0.0.1"]
    status, _ = get(port, "/api/meta", host_header="evil.example")         # DNS rebinding
    assert status == 400
    status, body = get(port, "/api/meta", host_header=f"localhost:{port}")
    assert status == 200 and json.loads(body.split(b"\r\n\r\n", 1)[1])["documents"] >= 1


def test_on_another_address_posting_needs_the_token(tmp_path):
    try:
        _free_port(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    db = tmp_path / "v6.duckdb"
    with serving(db, "::1", tmp_path / "serve.log", env={"DRAGOMAN_TOKEN": "t0ken-for-tests"}) as (base, _):
        body = json.dumps(ARTICLE).encode()

        def post(headers: dict[str, str]) -> tuple[int, dict]:
            req = urllib.request.Request(base + "/api/documents", data=body, method="POST",
                                         headers={"Content-Type": "application/json", **headers})
            try:
                with urllib.request.urlopen(req, timeout=120) as r:
                    return r.status, json.load(r)
            except urllib.error.HTTPError as err:
                return err.code, json.load(err)

        status, answer = post({})
        assert status == 401 and "token" in answer["detail"]
        assert post({"Authorization": "Bearer wrong"})[0] == 401
        assert post({"Authorization": "Basic t0ken-for-tests"})[0] == 401
        status, doc = post({"Authorization": "Bearer t0ken-for-tests"})
        assert status == 201 and doc["id"] == "sec-1"
        with urllib.request.urlopen(base + "/api/events", timeout=10) as r:   # reading needs none
            assert json.load(r)["total"] == len(doc["events"])
    log = (tmp_path / "serve.log").read_text()
    assert "t0ken-for-tests" not in log                       # a token from the environment is not echoed
    assert "DRAGOMAN_TOKEN" in log


def test_a_generated_token_is_printed_once(tmp_path):
    try:
        _free_port(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with serving(tmp_path / "gen.duckdb", "::1", tmp_path / "serve.log"):
        pass
    log = (tmp_path / "serve.log").read_text()
    assert "is not loopback" in log and "Authorization: Bearer " in log


def test_token_checks_in_the_app(tmp_path):
    from dragoman.server import create_app

    with pytest.raises(ValueError):
        create_app(tmp_path / "x.duckdb", token=" ")
    with TestClient(create_app(tmp_path / "t.duckdb", token="abc")) as client:
        r = client.post("/api/documents", json=ARTICLE)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.headers["content-security-policy"]                  # refusals carry the headers too
        assert client.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer abd"}).status_code == 401
        assert client.get("/api/events").status_code == 200


# -- limits ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(db):
    from dragoman.server import create_app

    with TestClient(create_app(db)) as c:
        yield c


def test_query_and_path_limits(client):
    r = client.get("/api/events?" + "&".join(["actor=RUS"] * 500))
    assert r.status_code == 414 and "query string" in r.json()["detail"]
    assert client.get("/api/quotes", params={"q": "x" * 400}).status_code == 200
    r = client.get("/api/documents/" + "a" * 2000)
    assert r.status_code == 414
    assert client.get("/api/documents/" + "a" * 301).status_code == 400


def test_deep_or_huge_bodies_are_refused(client):
    deep = client.post("/api/documents", content=b"[" * 100_000, headers={"content-type": "application/json"})
    assert deep.status_code == 400 and "nested too deeply" in deep.json()["detail"]
    digits = client.post("/api/documents", content=b'{"id": ' + b"9" * 5000 + b"}",
                         headers={"content-type": "application/json"})
    assert digits.status_code == 400

    def chunks():
        for _ in range(40):
            yield b"x" * 65536                         # 2.5 MiB, no Content-Length

    r = client.post("/api/documents", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_live_limits_on_the_wire(loopback):
    _, port, _ = loopback
    status, _ = get(port, "/api/events?" + "x" * 5000)
    assert status == 414
    huge_header = (b"GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: " + b"a" * 2_000_000
                   + b"\r\nConnection: close\r\n\r\n")
    try:
        status, _ = raw(port, huge_header)
    except ConnectionResetError:
        status = 0
    assert status in (0, 400, 431)                             # refused by h11 before the app
    chunked = (b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
    chunk = b"x" * 65536
    body = b"".join(b"%x\r\n" % len(chunk) + chunk + b"\r\n" for _ in range(40)) + b"0\r\n\r\n"
    try:
        status, _ = raw(port, chunked + body)
    except (ConnectionResetError, BrokenPipeError):   # the 413 raced the reset of the unread rest
        status = 0
    assert status in (0, 413)                         # refused without reading it all (413 in-app above)
    status, _ = get(port, "/api/meta")
    assert status == 200                                       # and the server is still up


# -- SQL: values are always bound ---------------------------------------------------------------------------

CANARY = "zq'\"canary;--"


def test_no_value_ever_reaches_sql_text(client, monkeypatch):
    from dragoman.store import Store

    seen: list[str] = []
    real = Store._cursor

    class Recording:
        def __init__(self, cur):
            self._cur = cur

        def execute(self, sql, *args, **kw):
            seen.append(sql)
            return self._cur.execute(sql, *args, **kw)

        def __getattr__(self, name):
            return getattr(self._cur, name)

    @contextmanager
    def cursor(self):
        with real(self) as cur:
            yield Recording(cur)

    monkeypatch.setattr(Store, "_cursor", cursor)
    names = ["actor", "dyad", "type", "cameo", "status", "since", "until", "location", "location_country",
             "third_party", "basis", "speaker", "q", "a", "b", "interval", "limit", "offset"]
    routes = ["/api/events", "/api/stories", "/api/dyad", "/api/venues", "/api/third-parties", "/api/actors",
              "/api/network", "/api/quotes", "/api/meta"]
    valid = {"actor": "RUS", "dyad": "ARM,AZE", "a": "ARM", "b": "AZE", "location": "Ankara", "speaker": "fidan",
             "q": "talks", "location_country": "TUR", "third_party": "TUR"}
    answered = 0
    for route in routes:
        for name in names:
            for value in (CANARY, CANARY.upper()[:3], f"{valid.get(name, 'x')}{CANARY}"):
                params = {**({"a": "ARM", "b": "AZE"} if route == "/api/dyad" else {}), name: value}
                r = client.get(route, params=params)
                assert r.status_code < 500, (route, name, r.text)
                answered += r.status_code == 200
        r = client.get(route, params={"location": CANARY, "speaker": CANARY, "q": CANARY}
                       | ({"a": "ARM", "b": "AZE"} if route == "/api/dyad" else {}))
        assert r.status_code < 500
    r = client.get("/api/documents/" + CANARY.replace("/", ""))
    assert r.status_code == 404
    assert answered > 50 and len(seen) > 100
    assert not [sql for sql in seen if "canary" in sql.lower()]


def test_like_and_regex_characters_match_literally(client):
    everything = client.get("/api/quotes", params={"limit": 1000}).json()["total"]
    assert everything > 0
    for value in ("%", "_", ".*", "(a+)+$", "\\", "[", "' OR '1'='1", "%a%", "talk_"):
        assert client.get("/api/quotes", params={"speaker": value}).json()["total"] == 0, value
        assert client.get("/api/events", params={"location": value}).json()["total"] == 0, value
        r = client.get("/api/quotes", params={"q": value + " zebra"})   # words only; 'zebra' is nowhere
        assert r.status_code == 200 and r.json()["total"] == 0, value


# -- no path traversal ---------------------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../../../../etc/passwd", "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/js/../../app.py", "/static/js/..%2f..%2fapp.py",
    "/static/%2e%2e/app.py", "/static/..%5capp.py", "/static/..\\..\\app.py", "/static//etc/passwd",
    "/static/%2fetc%2fpasswd", "/static/%00../app.py", "/static/js%00.js", "/static/.%2e/app.py",
    "/static/%252e%252e/app.py", "/static/..;/app.py", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
    "//etc/passwd", "/static/app.css/../../app.py", "/api/documents/..%2f..%2fmeta",
    "/static/" + "../" * 40 + "etc/passwd", "/static/~/.bashrc", "/static/.", "/static/..",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_file_outside_the_static_folder_is_served(loopback, target):
    _, port, _ = loopback
    app_source = (Path(__file__).resolve().parents[1] / "src/dragoman/server/app.py").read_text()
    status, answer = get(port, target)
    body = answer.split(b"\r\n\r\n", 1)[-1]
    assert status in (400, 404, 405), (target, status, answer[:300])
    assert b"root:" not in body and b"def create_app" not in body and app_source[:60].encode() not in body


def test_static_files_are_still_served(loopback):
    _, port, _ = loopback
    status, answer = get(port, "/static/js/dom.js")
    assert status == 200 and b"textContent" in answer
    status, answer = get(port, "/static/js/../app.css")         # a '..' that stays inside is fine
    assert status in (200, 404)
    status, answer = get(port, "/")
    assert status == 200 and b"<!doctype html>" in answer.lower()


def test_errors_are_json_never_html(loopback):
    _, port, _ = loopback
    for target in ("/api/documents/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/nope/%3Cimg%20src=x%3E",
                   "/api/events?since=%3Cscript%3E"):
        status, answer = get(port, target)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert status in (400, 404), target
        assert b"content-type: application/json" in head.lower()
        assert b"x-content-type-options: nosniff" in head.lower()     # a browser never renders it as HTML
        assert isinstance(json.loads(body)["detail"], str | list)


# -- cached answers never outlive the data ----------------------------------------------------------------

def test_answers_are_cached_until_the_data_changes(tmp_path):
    from dragoman.server import create_app

    with TestClient(create_app(tmp_path / "cache.duckdb")) as client:
        answers = client.app.state.db.answers
        first = client.get("/api/events").json()
        assert first["total"] == 0
        hits = answers.hits
        assert client.get("/api/events").json() == first and answers.hits == hits + 1
        assert client.post("/api/documents", json=ARTICLE).status_code == 201
        after = client.get("/api/events").json()                 # the write emptied the cache
        assert after["total"] > 0 and client.get("/api/meta").json()["documents"] == 1
        client.app.state.db.close()                              # as after another process wrote
        assert client.get("/api/events").json() == after
        assert client.get("/api/documents/nope").status_code == 404
        assert client.get("/api/documents/nope").status_code == 404   # a 404 is never cached as a 200
