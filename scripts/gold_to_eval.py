#!/usr/bin/env python3
"""Converts reference gold files to the gold format of ``dragoman eval`` (CONTRACT.md).

    python scripts/gold_to_eval.py ../shared/gold/plover-examples.dev.jsonl out/gold/plover-dev.eval.jsonl
    python scripts/gold_to_eval.py ../shared/gold/cameo-examples.jsonl out/gold/cameo.eval.jsonl
    python scripts/gold_to_eval.py --all out/gold        # both of the above

The shape of each input row is detected (PLOVER gold standard records, ICEWS CAMEO codebook
examples, or rows already in the eval format); the conversion itself lives in
``dragoman.evaluate.goldconv`` so that ``dragoman eval`` reads the raw files too. Write the output under
``out/`` (git-ignored): the converted sentences are third-party text and stay out of the repo.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dragoman.evaluate import goldconv  # noqa: E402  (after the path set-up above)

GOLD = REPO.parent / "shared" / "gold"
DEFAULTS = {"plover-examples.dev.jsonl": "plover-dev.eval.jsonl", "cameo-examples.jsonl": "cameo.eval.jsonl"}


def convert(src: Path, dst: Path) -> int:
    n = goldconv.write_jsonl(goldconv.load_gold(src), dst)
    print(f"{src} -> {dst}: {n} rows")
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", metavar="PATH", help="INPUT OUTPUT, or the output folder with --all")
    ap.add_argument("--all", action="store_true", help=f"convert {', '.join(DEFAULTS)} from {GOLD}")
    ap.add_argument("--gold", type=Path, default=GOLD, help="folder of the reference files (with --all)")
    args = ap.parse_args(argv)
    try:
        if args.all:
            if len(args.paths) != 1:
                ap.error("--all takes one output folder")
            out = Path(args.paths[0])
            for src, dst in DEFAULTS.items():
                convert(args.gold / src, out / dst)
            return 0
        if len(args.paths) != 2:
            ap.error("give INPUT OUTPUT (or --all OUTDIR)")
        convert(Path(args.paths[0]), Path(args.paths[1]))
    except (OSError, ValueError) as exc:
        print(f"gold_to_eval: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
