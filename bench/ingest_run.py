"""One measured ingest for ``ingest_scaling.py``: ``dragoman.run.ingest.ingest`` as the command line
calls it, plus the time each partition was written, so startup (process spawn, model load, Dask
cluster start) and steady-state throughput can be told apart.

    python bench/ingest_run.py FILE DB WORKERS ENGINE

Prints one JSON object: added/failed counts, total seconds, seconds until every worker had delivered
its first partition ("warm"), and the words written after that with the seconds they took.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    path, db, workers, engine_name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    start = time.perf_counter()
    from dragoman.run import ingest as engine

    marks: list[tuple[float, int]] = []          # (seconds since start, words in the partition)
    store = engine._store

    def timed_store(target, batch, result):
        store(target, batch, result)
        words = sum(len(d.text.split()) for d in batch if hasattr(d, "text"))
        marks.append((time.perf_counter() - start, words))

    engine._store = timed_store
    result = engine.ingest([path], db, workers=workers, engine=engine_name)
    total = time.perf_counter() - start
    # steady state: from the moment every worker has delivered its first partition to the last write
    warm = min(len(marks), max(1, workers)) - 1
    first = marks[warm][0] if marks else total
    steady_words = sum(w for _, w in marks[warm + 1:])
    print(json.dumps({"added": result.added, "failed": len(result.failures), "total_s": round(total, 2),
                      "partitions": len(marks), "warm_s": round(first, 2), "steady_words": steady_words,
                      "steady_s": round(marks[-1][0] - first, 2) if len(marks) > warm + 1 else None}))


if __name__ == "__main__":
    main()
