#!/usr/bin/env python3
"""Builds the reference word statistics that story threads compare documents with.

    src/dragoman/knowledge/data/stop_words.tsv   spaCy's English stop words (MIT)
    src/dragoman/knowledge/data/term_df.tsv      document frequency of each word seen in at least
                                                 ``--min-df`` of the reference stories

The reference corpus is NGEC's 4,500 synthetic news stories (``ngec-synthetic-plover.jsonl`` in
../shared/gold; ahalterman/NGEC-2025, MIT): news-like text about every PLOVER event type, so words
common in any news report (said, officials, minister) get a low weight and names and rare words a high
one. Fixed weights keep the similarity of two documents a function of those two documents alone
(``dragoman.stories.terms``).

    python scripts/build_term_df.py [--corpus ../shared/gold/ngec-synthetic-plover.jsonl] [--min-df 2]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
OUT = REPO / "src" / "dragoman" / "knowledge" / "data"
DEFAULT_CORPUS = REPO.parent / "shared" / "gold" / "ngec-synthetic-plover.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--min-df", type=int, default=2)
    args = ap.parse_args(argv)
    from spacy.lang.en.stop_words import STOP_WORDS

    stop = sorted({w.casefold() for w in STOP_WORDS})
    (OUT / "stop_words.tsv").write_text(
        "# English stop words, left out of the terms that story threads compare documents on.\n"
        "# Source: spaCy 3.8 spacy/lang/en/stop_words.py (MIT); built by scripts/build_term_df.py.\n"
        "word\n" + "".join(f"{w}\n" for w in stop), encoding="utf-8")
    from dragoman.stories.terms import tokens

    df: Counter[str] = Counter()
    total = 0
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                total += 1
                df.update(set(tokens(json.loads(line)["text"], frozenset(stop))))
    kept = sorted((t, n) for t, n in df.items() if n >= args.min_df)
    (OUT / "term_df.tsv").write_text(
        "# Document frequencies of words in a reference news corpus: the idf of dragoman.stories.terms.\n"
        f"# Source: ahalterman/NGEC-2025 synthetic news stories (MIT), {total} stories; words seen in at\n"
        f"# least {args.min_df} of them. Built by scripts/build_term_df.py. '<documents>' is the corpus size.\n"
        "term\tdf\n" + f"<documents>\t{total}\n" + "".join(f"{t}\t{n}\n" for t, n in kept), encoding="utf-8")
    print(f"{len(stop)} stop words, {len(kept)} terms from {total} stories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
