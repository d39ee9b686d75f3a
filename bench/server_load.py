"""Load test of ``dragoman serve`` on loopback: a bounded burst of API reads from many concurrent clients
while documents are being posted; p50/p90/p99 latency and the error count.

    python bench/server_load.py                                  # 20,000 requests, 50 clients, posts alongside
    python bench/server_load.py --requests 2000 --clients 10     # a quick run
    python bench/server_load.py --write-doc                      # also record it in docs/BENCHMARKS.md

What it does, and why:
- Builds a database once per run: the samples plus ``--docs`` synthetic articles (``bench/corpus.py``),
  ingested by ``dragoman ingest`` in a subprocess, so the server answers over a realistic mix.
- Starts ``dragoman serve`` bound to 127.0.0.1 (never another address) on a free port; the load never
  leaves the machine. Every limit is explicit: ``--requests`` in total, ``--clients`` at once,
  ``--posts`` documents, ``--max-seconds`` of wall time after which the burst stops whatever remains.
- Warms up first (including one POST, which loads the spaCy model in the server) so the numbers are
  the steady state, not the first request's import time.
- The burst: ``--clients`` asyncio clients (httpx, keep-alive) draw from one deterministic list of
  GET requests over every read route (events with filters, stories, dyad series, venues, third
  parties, actors, network, quotes, documents, the dashboard and a static file). Meanwhile one more
  client posts new documents one after another: each POST extracts (outside the lock) and then
  takes the database's write side, so the readers' latency includes those pauses.
- An error is any answer that is not 2xx, or a request that raised (timeout, reset). Expected: zero.

Client and server share the machine's cores; on 2 cores the client's own work is a large part of
the latency measured, so these numbers are an upper bound of what the server alone costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
DOC = ROOT / "docs" / "BENCHMARKS.md"
SECTION = "## Server load"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


@dataclass
class Sample:
    route: str
    seconds: float
    status: int          # 0: the request raised
    error: str = ""      # what it raised


@dataclass
class Result:
    samples: list[Sample] = field(default_factory=list)
    posts: list[Sample] = field(default_factory=list)
    wall_s: float = 0.0
    stopped_early: bool = False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_db(folder: Path, docs: int, seed: int) -> tuple[Path, list[dict]]:
    """The database the server answers from, and the records kept back for posting."""
    from corpus import articles

    pool = list(articles(seed, docs + 400))
    corpus = folder / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as out:
        for record in pool[:docs]:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = folder / "load.duckdb"
    cmd = [sys.executable, "-m", "dragoman", "ingest", str(ROOT / "samples"), str(corpus), "--db", str(db)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
    return db, pool[docs:]


def database(folder: Path, args: argparse.Namespace) -> tuple[Path, list[dict]]:
    """A fresh database for this run; with ``--cache DIR`` the built one is kept there and copied on
    later runs with the same ``--docs`` and ``--seed`` (posts change the copy, never the cache)."""
    from corpus import articles

    cached = Path(args.cache) / f"load-{args.docs}-s{args.seed}.duckdb" if args.cache else None
    if cached is not None and cached.exists():
        db = folder / "load.duckdb"
        shutil.copyfile(cached, db)
        return db, list(articles(args.seed, args.docs + 400))[args.docs:]
    print(f"building a database of {args.docs} documents …", file=sys.stderr, flush=True)
    db, spare = build_db(folder, args.docs, args.seed)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(db, cached)
    return db, spare


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    out = open(log, "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([sys.executable, "-m", "dragoman", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/meta", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
        if proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit(f"dragoman serve did not start: {log.read_text(errors='replace')[-2000:]}")


def _get_json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return json.load(r)


def request_mix(base: str, count: int, seed: int) -> list[tuple[str, str]]:
    """(route name, path) for ``count`` GETs, drawn deterministically over every read route."""
    rng = random.Random(seed)
    events = _get_json(base, "/api/events?limit=1000")["items"]
    doc_ids = sorted({e["doc_id"] for e in events}) or ["none"]
    actors = [a["code"] for a in _get_json(base, "/api/actors?limit=40")["items"]] or ["RUS"]
    venues = [v["name"] for v in _get_json(base, "/api/venues?limit=20")["items"] if v.get("name")] or ["Ankara"]
    dates = sorted({e["date"] for e in events if e.get("date")}) or ["2025-02-27"]
    quote = urllib.request.quote

    def pick() -> tuple[str, str]:
        a, b = rng.sample(actors, 2) if len(actors) > 1 else (actors[0], actors[0])
        day = rng.choice(dates)
        choices = [
            ("events", f"/api/events?limit=50&offset={rng.randrange(0, 200)}"),
            ("events?actor", f"/api/events?actor={a}&limit=50"),
            ("events?dyad", f"/api/events?dyad={a},{b}&since={day}"),
            ("events?type", f"/api/events?type={rng.choice(['CONSULT', 'COOPERATE', 'ASSAULT', 'ACCUSE'])}"),
            ("stories", f"/api/stories?limit=50&actor={a}"),
            ("dyad", f"/api/dyad?a={a}&b={b}&interval={rng.choice(['day', 'week', 'month'])}"),
            ("venues", "/api/venues?limit=50"),
            ("third-parties", "/api/third-parties"),
            ("actors", "/api/actors"),
            ("network", "/api/network?limit=40"),
            ("quotes", f"/api/quotes?speaker={quote(rng.choice(['minister', 'a', 'spokes', 'gov']))}&limit=50"),
            ("quotes?q", f"/api/quotes?q={rng.choice(['talks', 'agreement', 'border', 'peace'])}"),
            ("documents", f"/api/documents/{quote(rng.choice(doc_ids), safe='')}"),
            ("venue-drill", f"/api/stories?location={quote(rng.choice(venues))}&basis=reported"),
            ("meta", "/api/meta"),
            ("dashboard", "/"),
            ("static", "/static/js/main.js"),
        ]
        return rng.choice(choices)

    return [pick() for _ in range(count)]


async def burst(base: str, mix: list[tuple[str, str]], clients: int, posts: list[dict], max_posts: int,
                max_seconds: float) -> Result:
    import httpx

    result = Result()
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in mix:
        queue.put_nowait(item)
    deadline = time.perf_counter() + max_seconds
    finished = asyncio.Event()
    limits = httpx.Limits(max_connections=clients + 1, max_keepalive_connections=clients + 1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as http:

        async def reader() -> None:
            while not queue.empty():
                if time.perf_counter() > deadline:
                    result.stopped_early = True
                    return
                route, path = queue.get_nowait()
                start = time.perf_counter()
                error = ""
                try:
                    r = await http.get(path)
                    await r.aread()
                    status = r.status_code
                except httpx.HTTPError as exc:
                    status, error = 0, f"{type(exc).__name__}: {exc}"[:120]
                result.samples.append(Sample(route, time.perf_counter() - start, status, error))

        async def poster() -> None:
            for record in posts[:max_posts]:
                if finished.is_set() or time.perf_counter() > deadline:
                    return
                start = time.perf_counter()
                error = ""
                try:
                    r = await http.post("/api/documents", json=record)
                    status = r.status_code
                except httpx.HTTPError as exc:
                    status, error = 0, f"{type(exc).__name__}: {exc}"[:120]
                result.posts.append(Sample("POST documents", time.perf_counter() - start, status, error))

        start = time.perf_counter()
        post_task = asyncio.create_task(poster())
        await asyncio.gather(*(reader() for _ in range(clients)))
        result.wall_s = time.perf_counter() - start
        finished.set()
        await post_task
    return result


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summarise(result: Result) -> dict:
    ok = [s.seconds for s in result.samples if 200 <= s.status < 300]
    errors = [s for s in result.samples if not 200 <= s.status < 300]
    post_ok = [s.seconds for s in result.posts if s.status in (200, 201)]
    by_route: dict[str, list[float]] = {}
    for s in result.samples:
        by_route.setdefault(s.route, []).append(s.seconds)
    ms = lambda x: round(1000 * x, 1)  # noqa: E731
    return {
        "requests": len(result.samples), "wall_s": round(result.wall_s, 1),
        "throughput_rps": round(len(result.samples) / result.wall_s, 1) if result.wall_s else 0,
        "p50_ms": ms(percentile(ok, 50)), "p90_ms": ms(percentile(ok, 90)), "p99_ms": ms(percentile(ok, 99)),
        "max_ms": ms(max(ok, default=float("nan"))), "mean_ms": ms(statistics.fmean(ok)) if ok else None,
        "errors": len(errors), "error_statuses": sorted({s.status for s in errors}),
        "error_kinds": dict(Counter(s.error or f"HTTP {s.status}" for s in errors + result.posts
                                    if s.error or not 200 <= s.status < 300)),
        "posts": len(result.posts), "post_errors": len(result.posts) - len(post_ok),
        "post_p50_ms": ms(percentile(post_ok, 50)), "post_max_ms": ms(max(post_ok, default=float("nan"))),
        "stopped_early": result.stopped_early,
        "routes": {r: {"n": len(v), "p50_ms": ms(percentile(v, 50)), "p99_ms": ms(percentile(v, 99))}
                   for r, v in sorted(by_route.items())},
    }


def markdown(summary: dict, args: argparse.Namespace, machine: dict, db_docs: int) -> str:
    s = summary
    lines = [
        SECTION, "",
        f"`python bench/server_load.py --requests {args.requests} --clients {args.clients} --posts {args.posts} "
        f"--docs {args.docs}{' --baseline' if args.baseline else ''}` — {time.strftime('%Y-%m-%d')}, {machine.get('cpu', '?')}, {machine.get('cores', '?')} "
        f"cores, {machine.get('memory_gb', '?')} GB, Python {machine.get('python', '?')}.",
        "",
        f"`dragoman serve` on 127.0.0.1 over a database of {db_docs} documents; {args.clients} concurrent "
        f"keep-alive clients (one asyncio process on the same machine) sent {s['requests']:,} GET requests "
        f"over every read route while one more client posted {s['posts']} new documents, one after another "
        "(each extracted by the server and written under the database's write lock).",
        "",
        "| burst | requests | clients | wall | throughput | p50 | p90 | p99 | max | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *([_row("reads only (no posts)", s["reads_only"], args)] if s.get("reads_only") else []),
        _row(f"reads while posting {s['posts']} documents", s, args),
        "",
        f"Posts during the burst: {s['posts']}, errors {s['post_errors']}, median {s['post_p50_ms']} ms, "
        f"slowest {s['post_max_ms']} ms.",
        "",
        "| route | requests | p50 | p99 |", "|---|---:|---:|---:|",
        *(f"| {r} | {v['n']:,} | {v['p50_ms']} ms | {v['p99_ms']} ms |" for r, v in s["routes"].items()),
        "",
        "Client and server share the cores, so the client's own work is part of every latency above, and "
        "with 50 clients kept busy most of each latency is waiting in line. Answers are cached until the "
        "next write, so a burst over a few hundred distinct URLs is mostly cache hits until a document is "
        "posted. Each POST extracts its document in the server process (spaCy holds the interpreter for "
        "about a second of CPU), then holds the database's write side while it inserts, reopens the "
        "read-only connection and empties the cache: posting is what halves the throughput and makes the p99.",
        "",
    ]
    return "\n".join(lines)


def _row(name: str, s: dict, args: argparse.Namespace) -> str:
    return (f"| {name} | {s['requests']:,} | {args.clients} | {s['wall_s']} s | {s['throughput_rps']} req/s "
            f"| {s['p50_ms']} ms | {s['p90_ms']} ms | {s['p99_ms']} ms | {s['max_ms']} ms | {s['errors']} |")


def write_doc(section: str, doc: Path = DOC) -> None:
    """Replaces this script's section of docs/BENCHMARKS.md, or appends it at the end; the rest of
    the file (other benchmarks' sections) is re-read just before writing and kept as it is."""
    doc.parent.mkdir(parents=True, exist_ok=True)
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    start = text.find(SECTION + "\n")
    if start >= 0:
        nxt = text.find("\n## ", start + len(SECTION))
        end = len(text) if nxt < 0 else nxt + 1
        text = text[:start] + section.rstrip("\n") + "\n" + ("\n" + text[end:] if nxt >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--requests", type=int, default=20_000, help="GET requests in the burst (default 20000)")
    p.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    p.add_argument("--posts", type=int, default=100, help="most documents posted during the burst (default 100)")
    p.add_argument("--docs", type=int, default=300, help="synthetic documents in the database (default 300)")
    p.add_argument("--max-seconds", type=float, default=600, help="stop the burst after this long (default 600)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--cache", default=None, help="folder keeping the built database between runs")
    p.add_argument("--baseline", action="store_true",
                   help="first run the same burst without posting, for comparison")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--write-doc", action="store_true", help="record the result in docs/BENCHMARKS.md")
    p.add_argument("--doc", default=str(DOC), help="the file --write-doc records in (default docs/BENCHMARKS.md)")
    args = p.parse_args(argv)
    if not (1 <= args.clients <= 500 and 1 <= args.requests <= 200_000 and 0 <= args.posts <= 1000):
        p.error("bounds: 1-500 clients, 1-200000 requests, 0-1000 posts")

    from common import machine

    folder = Path(tempfile.mkdtemp(prefix="dragoman-load-"))
    proc = None
    try:
        db, spare = database(folder, args)
        port = free_port()
        proc = start_server(db, port, folder / "serve.log")
        base = f"http://127.0.0.1:{port}"
        warm = request_mix(base, 200, args.seed + 1)
        asyncio.run(burst(base, warm, min(args.clients, 10), spare[:1], 1, 120))    # loads the model too
        db_docs = _get_json(base, "/api/meta")["documents"]
        mix = request_mix(base, args.requests, args.seed)
        print(f"burst: {args.requests} requests, {args.clients} clients, up to {args.posts} posts …",
              file=sys.stderr, flush=True)
        baseline = None
        if args.baseline:
            baseline = summarise(asyncio.run(burst(base, mix, args.clients, [], 0, args.max_seconds)))
        result = asyncio.run(burst(base, mix, args.clients, spare[1:], args.posts, args.max_seconds))
        summary = summarise(result)
        summary["reads_only"] = baseline
        alive = proc.poll() is None
        summary["server_alive_after"] = alive
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(folder, ignore_errors=True)
    section = markdown(summary, args, machine(), db_docs)
    print(json.dumps(summary, indent=2) if args.json else section)
    if args.write_doc:
        write_doc(section, Path(args.doc))
        print(f"recorded in {args.doc}", file=sys.stderr)
    return 0 if summary["errors"] == 0 and summary["post_errors"] == 0 and alive else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
