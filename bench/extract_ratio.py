"""dragoman extract throughput ÷ bare spaCy parse throughput, same texts, same model.

Each run is a fresh process (``bench/one_run.py``); runs alternate bare/extract, and the order
flips every round (ABBA), so drift in the machine's load hits both sides alike. Reported: the
median processing throughput of each side (after model load and one warm-up sentence), their ratio,
the same ratio in words per CPU-second (steadier when other jobs share the cores), and the ratio of
whole-process wall times (model load included).

    python bench/extract_ratio.py --docs 300 --rounds 3
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from common import PYTHON, corpus_file, machine, median, run


def measure(docs: int, rounds: int, seed: int = 1) -> dict[str, Any]:
    path = corpus_file(docs, seed)
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "extract": []}
    for r in range(rounds):
        order = ("bare", "extract") if r % 2 == 0 else ("extract", "bare")
        for mode in order:
            done = run([PYTHON, "bench/one_run.py", mode, str(path)])
            data = json.loads(done.stdout)
            data["wall_s"] = round(done.wall_s, 2)
            data["words_per_s"] = round(data["words"] / data["process_s"])
            data["words_per_cpu_s"] = round(data["words"] / data["process_cpu_s"])
            runs[mode].append(data)
    out: dict[str, Any] = {"docs": docs, "words": runs["bare"][0]["words"], "rounds": rounds}
    for mode, rs in runs.items():
        out[mode] = {
            "words_per_s": round(median([x["words_per_s"] for x in rs])),
            "docs_per_s": round(median([x["docs"] / x["process_s"] for x in rs]), 2),
            "load_s": round(median([x["load_s"] for x in rs]), 2),
            "wall_s": round(median([x["wall_s"] for x in rs]), 2),
            "peak_rss_mb": round(median([x["peak_rss_mb"] for x in rs]), 1),
            "words_per_cpu_s": round(median([x["words_per_cpu_s"] for x in rs])),
            "runs_words_per_s": [x["words_per_s"] for x in rs],
        }
    out["ratio_throughput"] = round(out["extract"]["words_per_s"] / out["bare"]["words_per_s"], 3)
    out["ratio_cpu"] = round(out["extract"]["words_per_cpu_s"] / out["bare"]["words_per_cpu_s"], 3)
    out["ratio_wall"] = round(out["bare"]["wall_s"] / out["extract"]["wall_s"], 3)
    # per-round ratios: each pair ran back to back, so their spread shows the noise
    out["ratio_per_round"] = [round(e["words_per_s"] / b["words_per_s"], 3)
                              for b, e in zip(runs["bare"], runs["extract"], strict=True)]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(json.dumps({"machine": machine(), "extract_ratio": measure(args.docs, args.rounds, args.seed)}, indent=2))


if __name__ == "__main__":
    main()
