"""A progress line on standard error for long commands (``ingest``, ``export``; ``eval`` may use it too).

The interface is one context manager::

    with Progress("ingest", total=None, quiet=args.quiet) as bar:
        bar.update(read=32, stored=30, failed=2, words=18_000)   # increments

It shows documents read (out of ``total`` with a percentage and a time left, when the total is
known; running counts when it is not), stored, failed (and already present, once there are any) and
words per second. It draws only when its stream is a terminal and ``quiet`` is false, so a pipe, a
log file or a test sees nothing; ``force_terminal=True`` draws into any stream (for tests). The line
is cleared when the block ends: whatever the command prints after it (its summary) reads as before.

While the line is drawn, lines written to ``sys.stderr`` (a failure named by the ingest) are printed
above it rather than into it. The drawing itself is tqdm's.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import IO, Any

# what each counter is called on the line (``read`` is the bar's own count, named by ``unit``)
DEFAULT_LABELS: dict[str, str | None] = {"stored": "stored", "skipped": "already present", "failed": "failed"}


class Progress:
    """A progress line for one command; a no-op unless drawn on a terminal (see the module doc)."""

    def __init__(self, label: str, total: int | None = None, *, unit: str = "documents read", quiet: bool = False,
                 stream: IO[str] | None = None, force_terminal: bool = False,
                 labels: dict[str, str | None] | None = None, words: bool = True) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.labels = {**DEFAULT_LABELS, **(labels or {})}
        self.show_words = words
        self.counts = {"read": 0, "stored": 0, "skipped": 0, "failed": 0, "words": 0}
        self.enabled = not quiet and (force_terminal or _is_terminal(self.stream))
        self._bar: Any = None
        self._start = 0.0
        self._first: tuple[float, int] | None = None
        self._saved_stderr: Any = None

    # -- the interface -----------------------------------------------------------------------------

    def __enter__(self) -> Progress:
        self._start = time.monotonic()
        if not self.enabled:
            return self
        from tqdm import tqdm

        known = self.total is not None
        fmt = ("{desc}: {percentage:3.0f}%|{bar:20}| {n_fmt}/{total_fmt} " + self.unit + "{postfix} [{elapsed}<{remaining}]"
               if known else "{desc}: {n_fmt} " + self.unit + "{postfix} [{elapsed}]")
        width = _width(self.stream)     # a terminal that reports no size gets 100 columns
        self._bar = tqdm(total=self.total, desc=self.label, file=self.stream, bar_format=fmt, leave=False,
                         dynamic_ncols=width > 0, ncols=None if width > 0 else 100, mininterval=0.2,
                         ascii=not _unicode(self.stream))
        self._bar.set_postfix_str(self.describe(), refresh=False)
        if self.stream is sys.stderr:     # lines printed meanwhile go above the bar, not into it
            self._saved_stderr = sys.stderr
            sys.stderr = _AboveBar(self._saved_stderr, self._bar)
        return self

    def update(self, read: int = 0, stored: int = 0, failed: int = 0, words: int = 0, skipped: int = 0) -> None:
        """Adds to the counts and redraws (tqdm redraws at most five times a second)."""
        for key, value in (("read", read), ("stored", stored), ("failed", failed), ("words", words),
                           ("skipped", skipped)):
            self.counts[key] += value
        if self._first is None and self.counts["words"]:   # the rate runs from here: model loading left out
            self._first = (time.monotonic(), self.counts["words"])
        if self._bar is not None:
            self._bar.set_postfix_str(self.describe(), refresh=False)
            self._bar.update(read)

    def stage(self, text: str) -> None:
        """Names what is being done now (e.g. the table being written) after the label."""
        if self._bar is not None:
            self._bar.set_description_str(f"{self.label} {text}" if text else self.label)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._saved_stderr is not None:
            if isinstance(sys.stderr, _AboveBar):
                sys.stderr.flush()
            sys.stderr = self._saved_stderr
            self._saved_stderr = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    # -- what the line says ------------------------------------------------------------------------

    def describe(self) -> str:
        """The counts after the bar: ``stored 118, failed 2, 5,400 words/s`` (a label set to None is
        left out; ``already present`` only once there are any)."""
        parts = []
        for key in ("stored", "skipped", "failed"):
            if self.labels.get(key) and (key != "skipped" or self.counts[key]):
                parts.append(f"{self.labels[key]} {self.counts[key]:,}")
        if self.show_words:
            parts.append(f"{self.words_per_second():,.0f} words/s")
        return ", ".join(parts)

    def words_per_second(self) -> float:
        """Words since the first update over the time since then (over the whole run until a
        second update comes: the first partition's words are all that is known)."""
        now = time.monotonic()
        start, words = self._first or (self._start, 0)
        if self.counts["words"] == words or now - start < 1e-3:
            start, words = self._start, 0
        return (self.counts["words"] - words) / max(now - start, 1e-3)


class _AboveBar:
    """Stands for ``sys.stderr`` while a bar is drawn: whole lines are written above the bar."""

    def __init__(self, stream: Any, bar: Any) -> None:
        self._stream = stream
        self._bar = bar
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            lines, _, self._pending = self._pending.rpartition("\n")
            from tqdm import tqdm
            with tqdm.external_write_mode(file=self._stream):
                self._stream.write(lines + "\n")
                self._stream.flush()
        return len(text)

    def flush(self) -> None:
        if self._pending:
            text, self._pending = self._pending, ""
            self._stream.write(text)
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):   # no isatty, or a closed stream
        return False


def _width(stream: Any) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):   # not a real terminal (a test's StringIO)
        return 0


def _unicode(stream: Any) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf16", "utf32") or not encoding
