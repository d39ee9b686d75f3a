"""Shared fixtures: the ../shared folder (skipped with a printed reason where absent) and one
pipeline per test session (the model loads once)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "news-az-2025-02-27.txt"
SCHEMA = SHARED / "schema" / "document.schema.json"
SAMPLES = ROOT / "samples"


def need(path: Path) -> Path:
    """The path, or a skip that says which shared file is missing."""
    if not path.exists():
        reason = f"{path} is absent (../shared is not beside this checkout)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def pipeline():
    from dragoman.run.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text, published) → the document record as a dict."""
    from dragoman.model import RawDocument, ReadFailure

    def run(text: str, published: str | None = None, id: str = "t") -> dict:
        result = next(pipeline.process([RawDocument(id=id, text=text, published=published)]))
        assert not isinstance(result, ReadFailure), result
        return result.to_dict()
    return run


@pytest.fixture(scope="session")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(need(SCHEMA).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where the browser tests save their screenshots: ``$DRAGOMAN_SCREENSHOTS``, else a temporary folder."""
    target = os.environ.get("DRAGOMAN_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
