"""Acceptance: the founding article, through the real command line, checked by ../shared's script."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SEED, SHARED, need


def test_seed_article_passes_every_fact(tmp_path):
    seed = need(SEED)
    check = need(SHARED / "tools" / "check_seed.py")
    out = tmp_path / "seed.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "dragoman", "extract", str(seed), "--format", "jsonl"],
                       stdout=fh, check=True)
    result = subprocess.run([sys.executable, str(check), str(out)], capture_output=True, text=True)
    print(result.stdout)
    last = result.stdout.strip().splitlines()[-1]
    total = last.split()[-2].split("/")[1]
    assert last == f"seed: {total}/{total} facts", result.stdout


def test_seed_record_is_valid(validator, extract):
    record = extract(need(SEED).read_text(encoding="utf-8"))
    errors = [e.message for e in validator.iter_errors(record)]
    assert not errors, errors
    assert json.loads(json.dumps(record)) == record
