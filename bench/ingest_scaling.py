"""`dragoman ingest` with 1 and 2 local processes and 1- and 2-worker Dask clusters, on the
same corpus: wall time, words/s, documents/s, peak RSS of the writing process and of each worker,
and whether the stored records are identical.

Each run is a fresh process (``bench/ingest_run.py``: ``engine.ingest`` as ``dragoman ingest``
calls it) into a fresh database. Two speeds are reported: end to end, startup included (model
loads, process spawns, Dask cluster start) — what a user waits for — and steady state, from the
moment every worker has delivered its first partition to the last write. Configurations rotate
order every round, and the medians over rounds are reported, so a change in the machine's load
during the run does not favour one configuration.

    python bench/ingest_scaling.py --docs 400 --rounds 3
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from typing import Any

from common import PYTHON, corpus_file, corpus_words, machine, median, run

CONFIGS = {"local-1": (1, "local"), "local-2": (2, "local"), "dask-1": (1, "dask"), "dask-2": (2, "dask")}


def fingerprint(db: str) -> dict[str, str]:
    """A hash per table of all its rows (sorted, without timestamps): equal hashes, equal records."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        out = {}
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
        for table in sorted(tables):
            cols = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall() if r[1] != "TIMESTAMP"]
            rows = con.execute("SELECT " + ", ".join(f'"{c}"' for c in cols) + f' FROM "{table}"').fetchall()
            digest = hashlib.sha256()
            for row in sorted(map(repr, rows)):
                digest.update(row.encode())
            out[table] = f"{len(rows)}:{digest.hexdigest()[:16]}"
        return out
    finally:
        con.close()


def measure(docs: int, rounds: int, seed: int = 1, configs: list[str] | None = None) -> dict[str, Any]:
    path = corpus_file(docs, seed)
    n_docs, words = corpus_words(path)
    names = configs or list(CONFIGS)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    reference: dict[str, str] | None = None
    identical: dict[str, bool] = {name: True for name in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            db = f"/tmp/dragoman-bench-ingest-{name}.duckdb"
            for suffix in ("", ".wal"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            workers, engine = CONFIGS[name]
            done = run([PYTHON, "bench/ingest_run.py", str(path), db, str(workers), engine])
            timing = json.loads(done.stdout)
            if done.returncode != 0 or timing["failed"]:
                raise RuntimeError(f"{name}: ingest failed:\n{done.stderr[-2000:]}")
            prints = fingerprint(db)
            if reference is None:
                reference = prints
            identical[name] = identical[name] and prints == reference
            runs[name].append({"wall_s": round(done.wall_s, 2), "parent_mb": done.peak_parent_mb,
                               "worker_mb": done.peak_worker_mb, "peaks": done.peak_mb,
                               "parent_cpu_s": done.cpu_s.get("parent"),
                               "steady_words_per_s": (round(timing["steady_words"] / timing["steady_s"])
                                                      if timing["steady_s"] else None),
                               "warm_s": timing["warm_s"]})
    out: dict[str, Any] = {"docs": n_docs, "words": words, "rounds": rounds, "configs": {}}
    for name, rs in runs.items():
        wall = median([x["wall_s"] for x in rs])
        out["configs"][name] = {
            "wall_s": round(wall, 2), "words_per_s": round(words / wall), "docs_per_s": round(n_docs / wall, 2),
            "peak_parent_rss_mb": max(x["parent_mb"] for x in rs),
            "peak_worker_rss_mb": max((x["worker_mb"] for x in rs), default=0.0),
            "parent_cpu_s": median([x["parent_cpu_s"] for x in rs if x["parent_cpu_s"] is not None]),
            "steady_words_per_s": median([x["steady_words_per_s"] for x in rs if x["steady_words_per_s"]]),
            "warm_s": median([x["warm_s"] for x in rs]),
            "runs_wall_s": [x["wall_s"] for x in rs],
            "identical_records": identical[name],
        }
    base = out["configs"].get("local-1")
    if base:
        for name in names:
            if name != "local-1":
                out[f"speedup_{name}_vs_local-1"] = round(base["wall_s"] / out["configs"][name]["wall_s"], 3)
                out[f"steady_speedup_{name}_vs_local-1"] = round(
                    out["configs"][name]["steady_words_per_s"] / base["steady_words_per_s"], 3)
    if "dask-1" in out["configs"] and "dask-2" in out["configs"]:
        one, two = out["configs"]["dask-1"], out["configs"]["dask-2"]
        out["speedup_dask-2_vs_dask-1"] = round(one["wall_s"] / two["wall_s"], 3)
        out["steady_speedup_dask-2_vs_dask-1"] = round(two["steady_words_per_s"] / one["steady_words_per_s"], 3)
    out["tables"] = reference
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--configs", nargs="*", choices=list(CONFIGS), default=None)
    args = parser.parse_args(argv)
    print(json.dumps({"machine": machine(), "ingest": measure(args.docs, args.rounds, args.seed, args.configs)},
                     indent=2))


if __name__ == "__main__":
    main()
