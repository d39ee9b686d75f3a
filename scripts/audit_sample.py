"""Draw the events a person audits by reading (docs/EVALUATION.md, "Audited by reading").

    .venv/bin/python scripts/audit_sample.py OUT.jsonl [--per-corpus 50] [--seed 7]

From each of ../shared/gold/ecbplus-dev.jsonl and polnear-dev.jsonl: 60 dated articles drawn with the
seed, extracted, and ``--per-corpus`` of their events drawn; each line carries the event's fields, its
sentence and its article (third-party text: write OUT outside the repository). The reader judges
happening, type, sides, date, place and status right or wrong for every line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dragoman import extract_records  # noqa: E402  (after the path set-up above)


def _side(actor: dict) -> dict:
    return {k: actor[k] for k in ("text", "country", "sector", "code")}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--per-corpus", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    random.seed(args.seed)
    lines = []
    for name in ("ecbplus-dev", "polnear-dev"):
        rows = [r for r in map(json.loads, (GOLD / f"{name}.jsonl").open(encoding="utf-8")) if r.get("date")]
        random.shuffle(rows)
        records = list(extract_records({"id": r["id"], "text": r["text"], "published": r["date"],
                                        "title": r.get("title")} for r in rows[:60]))
        events = [(rec, e) for rec in records for e in rec["events"]]
        random.shuffle(events)
        for rec, e in events[:args.per_corpus]:
            location = e["location"] or {}
            lines.append({"corpus": name, "doc_id": rec["id"], "published": rec["published"], "title": rec.get("title"),
                          "sentence": e["evidence"], "trigger": e["trigger"], "cameo": e["cameo"],
                          "plover": e["plover"], "status": e["status"],
                          "actors": [_side(a) for a in e["actors"]], "recipients": [_side(a) for a in e["recipients"]],
                          "third_parties": [_side(a) for a in e["third_parties"]], "date": e["date"],
                          "date_basis": e["date_basis"], "date_precision": e["date_precision"],
                          "date_text": e["date_text"],
                          "location": {"name": location["name"], "country": location["country"]} if location else None,
                          "article": rec["text"]})
    with open(args.out, "w", encoding="utf-8") as out:
        for n, line in enumerate(lines, 1):
            out.write(json.dumps({"n": n, **line}, ensure_ascii=False) + "\n")
    print(f"{len(lines)} events written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
