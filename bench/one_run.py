"""One measured process of ``extract_ratio.py``: parse a JSONL corpus and report what it cost.

    python bench/one_run.py bare FILE      # the bare spaCy model: nlp.pipe over the texts
    python bench/one_run.py extract FILE   # what `dragoman extract FILE` does: read, clean, parse,
                                           # annotate, build records, serialise JSON Lines

Prints one JSON object: documents, words, seconds to import and load the model, seconds to
process (after one warm-up sentence; wall clock and CPU time of the process), and peak RSS. Output records go nowhere (``/dev/null``
equivalent), so the terminal's speed is not measured.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from common import corpus_words

BATCH = 16      # the pipeline's own nlp.pipe batch size, used for the baseline too


def bare(path: str) -> tuple[float, float]:
    from dragoman.nlp import load_base

    nlp = load_base()
    nlp("Russia and Türkiye held talks in Ankara on Monday.")
    start = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8") as fh:
        texts = (json.loads(line)["text"] for line in fh)
        for _ in nlp.pipe(texts, batch_size=BATCH):
            pass
    return start


def extract(path: str) -> tuple[float, float]:
    from dragoman.knowledge.gazetteer import get_gazetteer
    from dragoman.model import RawDocument
    from dragoman.read import iter_raw
    from dragoman.run.pipeline import Pipeline

    pipeline = Pipeline()
    get_gazetteer()
    list(pipeline.process([RawDocument(id="warm", text="Russia and Türkiye held talks in Ankara on Monday.")]))
    start = time.perf_counter(), time.process_time()
    sink = 0
    for item in pipeline.process(iter_raw([path])):
        if hasattr(item, "to_dict"):
            sink += len(json.dumps(item.to_dict(), ensure_ascii=False))
    return start


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    started, cpu_started = {"bare": bare, "extract": extract}[mode](path)
    end, cpu_end = time.perf_counter(), time.process_time()
    docs, words = corpus_words(path)
    print(json.dumps({"mode": mode, "docs": docs, "words": words, "load_s": round(started - t0, 3),
                      "process_s": round(end - started, 3), "process_cpu_s": round(cpu_end - cpu_started, 3),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    main()
