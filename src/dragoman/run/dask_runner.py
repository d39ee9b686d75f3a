"""Extraction on a Dask cluster: a local one started here, or an existing one by its address.

Why Dask futures rather than a dask.bag or dataframe: the input is a lazy stream of unknown length
(a 1 GB feed, a directory walk), and only the ingesting process may write to DuckDB. Submitting one
task per partition with a bounded number in flight (see ``engine``) keeps the client's memory flat,
lets results be written back as they arrive, and needs nothing from the workers but dragoman and
its model installed — not the input files, not the database.

Each worker loads the model once: a worker plugin warms it when the worker starts (also on workers
that join later), and ``partition.pipeline`` keeps it for every task after.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

try:
    import dask
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise RuntimeError("--engine dask needs Dask: pip install 'dragoman[scale]' "
                       "(or pip install 'dask[distributed]')") from exc

from dragoman.run import partition
from dragoman.run.partition import Item

# Worker settings for the local cluster: Dask's statistical profiler walks every worker thread's
# stack every 10 ms and the event loop ticks every 20 ms, both taking the GIL from the parse for a
# dashboard nobody is looking at here (a remote cluster's owner decides for theirs: docs/SCALING.md).
LOCAL_CONFIG: dict[str, Any] = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s"}


class ModelPlugin(WorkerPlugin):
    """Loads dragoman's pipeline on every worker as it starts, before its first partition."""

    name = "dragoman-model"

    def __init__(self, published: str | None = None) -> None:
        self.published = published

    def setup(self, worker: Any) -> None:
        partition.warm(self.published)


class DaskRunner:
    """Partitions run as Dask tasks; ``slots`` is the number of worker threads in the cluster."""

    def __init__(self, workers: int, published: str | None = None, scheduler: str | None = None) -> None:
        self.published = published
        self._cluster: LocalCluster | None = None
        if scheduler is None:
            # one thread per process: spaCy is CPU-bound and holds the GIL, so cores need processes
            with dask.config.set(LOCAL_CONFIG):
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=":0")
            self.client = Client(self._cluster)
        else:
            self.client = Client(scheduler)
            if len(self.client.nthreads()) < workers:
                print(f"dragoman: waiting for {workers} Dask worker(s) at {scheduler}", file=sys.stderr)
            self.client.wait_for_workers(workers)
        try:
            self.client.register_plugin(ModelPlugin(published))
        except ModuleNotFoundError as exc:
            self.close()
            raise RuntimeError(f"a Dask worker cannot import {exc.name!r}: install dragoman and its model "
                               "on every worker (see docs/SCALING.md)") from exc
        threads = sum(self.client.nthreads().values())
        self.slots = max(1, threads)

    def submit(self, items: list[Item]) -> Any:
        return self.client.submit(partition.extract, items, self.published, pure=False)

    def close(self) -> None:
        if self._cluster is None:       # a shared cluster: workers that join later need not load our model
            with contextlib.suppress(Exception):     # best effort: the results are already stored
                self.client.unregister_worker_plugin(ModelPlugin.name)
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
