"""Near-duplicate documents: MinHash signatures over word shingles, banded for candidate lookup.

Why: news agencies' copy is republished by many outlets with small edits (a new headline, the
dateline credit dropped, a sentence trimmed). Counted naively, one wire story becomes "ten sources".
The content hash (``doc_id``) only catches byte-identical text, so near-duplicates are found here:

- a document is the set of its word 3-shingles (lower-cased ``\\w+`` words); two documents are
  near-duplicates when the Jaccard similarity of those sets is at least ``THRESHOLD``;
- comparing every pair is quadratic, so each document gets a MinHash signature (``PERMUTATIONS``
  universal hash functions ``(a*x + b) mod p`` over 32-bit shingle hashes, exact in uint64 because
  ``a, x, b < 2**32`` and ``p = 2**61 - 1``), cut into ``BANDS`` bands; documents sharing any band
  key are *candidates* (locality-sensitive hashing: at J = 0.7 a pair is a candidate with
  probability > 0.9999), and candidates are then confirmed with the *exact* Jaccard on their shingles.

Everything is deterministic (fixed seeds, blake2b shingle hashes, no ``hash()``), so the same
document always gets the same band keys and the near-duplicate relation is a function of the pair
alone: whatever order documents arrive in, the same pairs are linked.
Pure Python + numpy; no database here (``dragoman.stories.linking`` stores and queries the band keys).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

SHINGLE = 3            # words per shingle: small edits change few 3-word windows
THRESHOLD = 0.7        # exact Jaccard on shingles at or above which two documents are copies
MIN_WORDS = 40         # shorter texts are too template-like to call copies (exact copies still share doc_id)
PERMUTATIONS = 128
BANDS = 32             # 32 bands x 4 rows
ROWS = PERMUTATIONS // BANDS

_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20250227)
_A = _rng.integers(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The set of k-word shingles of ``text`` (the whole text as one shingle when shorter than k)."""
    w = words(text)
    if len(w) <= k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _hash32(items: Iterable[str]) -> np.ndarray:
    return np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")
                        for s in items), dtype=np.uint64)


def signature(shingle_set: set[str]) -> np.ndarray:
    """MinHash signature (``PERMUTATIONS`` uint32 values as uint64) of a non-empty shingle set."""
    x = _hash32(sorted(shingle_set))
    if x.size == 0:
        raise ValueError("cannot sign an empty shingle set")
    values = (np.outer(x, _A) + _B) % _PRIME & _MASK32  # a*x + b < 2**64: no overflow
    return values.min(axis=0)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (fits DuckDB BIGINT), the same for equal bands."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].astype("<u4").tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def estimate(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity (for diagnostics; linking uses the exact value)."""
    return float(np.mean(sig_a == sig_b))


def eligible(text: str) -> bool:
    """Whether a text is long enough to be compared for near-duplication."""
    return len(words(text)) >= MIN_WORDS
