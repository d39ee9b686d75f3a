"""``dragoman serve`` in a subprocess for the tests that drive it over HTTP or in Chromium: started on a
free loopback port, waited for until it answers, stopped (killed if it must be) at the end."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, folder: Path) -> tuple[subprocess.Popen, IO[bytes], str]:
    """(process, its log, base URL) once ``/api/meta`` answers; the test fails with the log if it never does."""
    port = free_port()
    log = open(folder / f"serve-{port}.log", "w+b")  # noqa: SIM115 - closed by stop_server
    proc = subprocess.Popen([sys.executable, "-m", "dragoman", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(proc, base, log)
    except BaseException:
        proc.kill()
        raise
    return proc, log, base


def wait_until_answering(proc: subprocess.Popen, base: str, log: IO[bytes]) -> None:
    """Returns once ``/api/meta`` answers 200; fails the test with the server's log if the process
    exits or a minute passes first."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/meta", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"dragoman serve did not answer: {log.read().decode(errors='replace')}")
        time.sleep(0.2)


def terminate(proc: subprocess.Popen) -> None:
    """Stops the server, killing it if it does not stop within ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def stop_server(proc: subprocess.Popen, log: IO[bytes]) -> None:
    terminate(proc)
    log.close()
