#!/usr/bin/env python3
"""Story precision/recall on the stories corpus (``tests/data/stories``) against its gold clustering.

    python scripts/score_stories.py                      # ingest the corpus into a temporary database, score
    python scripts/score_stories.py --orders 5           # ... and check 5 shuffled input orders give the same stories
    python scripts/score_stories.py --db out/demo.duckdb --expected tests/data/stories/expected.json

Prints pairwise and B-cubed precision/recall/F1 over the events matched to gold mentions, the gold
mentions no event was coded for (extraction misses), the events outside the gold (extras) and whether
any story mixes them with gold events, and the expected story counts (num_sources, outlets, ...).
Exit status 0 when every check holds and both F1 are 1.0, else 1.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dragoman.evaluate import stories as story_eval  # noqa: E402  (after the path set-up above)
from dragoman.run.ingest import ingest  # noqa: E402
from dragoman.store import Store  # noqa: E402

CORPUS = REPO / "tests" / "data" / "stories"


def corpus_files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir()
                  if p.is_file() and p.name not in ("expected.json", "README.md"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="score this database instead of ingesting the corpus")
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--expected", default=str(CORPUS / "expected.json"))
    ap.add_argument("--orders", type=int, default=0, help="also ingest N shuffled orders and compare")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    expected = story_eval.load_expected(args.expected)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        files = corpus_files(Path(args.corpus))
        if not db:
            db = os.path.join(tmp, "stories.duckdb")
            ingest(files, db)
        with Store(db, read_only=True) as store:
            result = story_eval.score(store, expected)
            reference = story_eval.partition(store)
        same_orders = []
        rng = random.Random(args.seed)
        for n in range(args.orders):
            order = files[:]
            rng.shuffle(order)
            other = os.path.join(tmp, f"order{n}.duckdb")
            ingest(order, other)
            with Store(other, read_only=True) as store:
                same_orders.append(story_eval.partition(store) == reference)

    f1p = result.f1(result.pairwise_precision, result.pairwise_recall)
    f1b = result.f1(result.bcubed_precision, result.bcubed_recall)
    print(f"events matched to gold mentions: {result.matched}")
    print(f"pairwise  precision {result.pairwise_precision:.3f}  recall {result.pairwise_recall:.3f}  F1 {f1p:.3f}")
    print(f"B-cubed   precision {result.bcubed_precision:.3f}  recall {result.bcubed_recall:.3f}  F1 {f1b:.3f}")
    print(f"gold mentions without a coded event (extraction misses): {len(result.misses)}")
    for m in result.misses:
        print(f"  - [{m['story']}] {m['type']} {m['url']} “{m['evidence']}”")
    print(f"events outside the gold (extras): {len(result.extras)}; "
          f"stories mixing extras with gold events: {len(result.contaminated)}")
    for e in result.extras:
        print(f"  - {e['plover'] or e['cameo']} {e['status']} {e['url']} “{(e['evidence'] or '')[:80]}”")
    for name, ok, detail in result.checks:
        print(f"check {name}: {'ok' if ok else 'FAIL (' + detail + ')'}")
    if args.orders:
        print(f"input orders giving the same stories: {sum(same_orders)}/{len(same_orders)}")
    good = (all(ok for _, ok, _ in result.checks) and not result.contaminated and f1p == 1.0 and f1b == 1.0
            and all(same_orders))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
