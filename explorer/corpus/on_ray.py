"""The Ray engine: the same Worker on Ray Data, on this machine or on a cluster.

    from_items(Items: paths or manifest rows; each worker reads its own files)
      → map_batches(Worker, an actor pool: each actor loads the model and the
        actor index once)
      → write_parquet(OUT/parts)

Without an address Ray starts here, on this machine's cores, bound to 127.0.0.1,
with no dashboard; with one it joins that cluster (every node needs the same
`explorer[ray]` installed, and the input files and OUT on a filesystem all nodes
see). Usage statistics are switched off before Ray is imported: nothing is sent
anywhere. Ray is an optional dependency (`pip install 'explorer[ray]'`).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from explorer.corpus.inputs import Item
from explorer.corpus.output import Output

__all__ = ["RayMissing", "import_ray", "run_ray", "session"]

INSTALL = ("Ray is not installed: install the optional extra with "
           "`pip install 'explorer[ray]'` (in a checkout: `.venv/bin/pip install -e '.[ray]'`), "
           "or run without --engine ray")


class RayMissing(Exception):
    """`--engine ray` without Ray installed; the message says how to get it."""


def import_ray(local: bool = True) -> Any:
    """Ray, with usage statistics off; RayMissing when it is not installed. `local`: Ray
    will start here, so it keeps to the loopback address (Ray reads that switch when it
    is imported; its name speaks of Windows and macOS, where it is the default)."""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # no telemetry, whatever the environment says
    os.environ.setdefault("RAY_DEDUP_LOGS", "1")
    if local and "ray" not in sys.modules:
        os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    try:
        import ray
        import ray.data  # Ray Data comes with the extra, not with bare ray
    except ImportError:
        raise RayMissing(INSTALL) from None
    return ray


@contextlib.contextmanager
def session(address: str | None, workers: int | None) -> Iterator[tuple[Any, int, float]]:
    """A Ray connection for one run: (ray, workers, seconds it took to start). A Ray
    already started in this process (a test session, a notebook) is used as it is and
    left running."""
    ray = import_ray(local=not address or _loopback(address))
    start = time.perf_counter()
    started_here = not ray.is_initialized()
    if started_here:
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                   "logging_level": logging.WARNING}
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, _node_ip_address="127.0.0.1",
                     object_store_memory=512 * 1024 * 1024, **options)
    try:
        cores = int(ray.cluster_resources().get("CPU", 1))
        yield ray, max(1, workers or cores), time.perf_counter() - start
    finally:
        if started_here:
            ray.shutdown()


def _loopback(address: str) -> bool:
    """A Ray on this machine's loopback address (its drivers must keep to loopback too)."""
    host = address.split("://")[-1].rsplit(":", 1)[0].strip("[]")
    return host in ("localhost", "::1") or host.startswith("127.")


def run_ray(ray: Any, items: Sequence[Item], data_text: str, data_name: str, output: Output,
            batch_size: int, workers: int, advance: Callable[[int], None] = lambda n: None
            ) -> None:
    """Extract every Item on Ray Data; the parts appear in OUT/parts as actors finish."""
    from ray.data import ActorPoolStrategy, DataContext

    from explorer.corpus.worker import Worker

    context = DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    blocks = max(1, math.ceil(len(items) / batch_size))
    # Items, not files: each worker reads its files with the one bounded reader (a path
    # that became a FIFO or a device after it was resolved is refused, never read)
    dataset = ray.data.from_items([item.as_row() for item in items], override_num_blocks=blocks)
    dataset = dataset.map_batches(
        Worker, fn_constructor_kwargs={"data_text": data_text, "data_name": data_name},
        batch_size=batch_size, batch_format="pyarrow", num_cpus=1,
        compute=ActorPoolStrategy(size=workers))
    before = {p.name for p in output.part_files()}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(output, before, stop, advance), daemon=True)
    watcher.start()
    try:
        dataset.write_parquet(output.parts.as_posix(), ray_remote_args={"num_cpus": 0})
    finally:
        stop.set()
        watcher.join()


def _watch(output: Output, seen: set[str], stop: threading.Event,
           advance: Callable[[int], None]) -> None:
    """Advance the progress bar by the rows of each part Ray finishes writing."""
    while True:
        last = stop.wait(0.5)
        for path in output.part_files():
            if path.name in seen:
                continue
            try:
                rows = output.rows_in([path])
            except Exception:  # still being written
                continue
            seen.add(path.name)
            advance(rows)
        if last:
            return
