"""Byte progress of hashing and transfers inside a worker process.

DVC's push and pull take no progress callback, and they draw their bars
with module-level tqdm callbacks. `install` replaces those callbacks in the
modules of dvc-data 3.18 that create them, so every byte that DVC hashes
or transfers reaches a `Reporter`. The worker pins dvc-data through the
package's constraints; with another version the hooks may find nothing to
replace, and the job then runs without progress.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from fsspec.callbacks import Callback

logger = logging.getLogger(__name__)

#: Seconds between two progress events of the same step.
MIN_INTERVAL = 0.25


class Reporter:
    """Adds up bytes for the running step and emits throttled events.

    A ticker thread repeats the last value every second, so a reader sees
    that the step is alive even while one large chunk is in flight.
    """

    def __init__(self, emit: Callable[[dict[str, Any]], None]):
        self._emit = emit
        self._lock = threading.Lock()
        self._step: str | None = None
        self._done = 0
        self._total: int | None = None
        self._last_emit = 0.0
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        self._ticker.start()

    def start(self, step: str, total: int | None) -> None:
        with self._lock:
            self._step = step
            self._done = 0
            self._total = total
            self._last_emit = 0.0
        self._send(force=True)

    def stop(self) -> None:
        with self._lock:
            self._step = None

    def close(self) -> None:
        self._stop.set()

    def advance(self, count: int) -> None:
        with self._lock:
            if self._step is None:
                return
            self._done += count
            if self._total is not None and self._done > self._total:
                self._total = self._done
        self._send()

    def _send(self, force: bool = False) -> None:
        with self._lock:
            now = time.monotonic()
            if self._step is None or (
                not force and now - self._last_emit < MIN_INTERVAL
            ):
                return
            self._last_emit = now
            event = {
                "type": "progress",
                "step": self._step,
                "done": self._done,
                "total": self._total,
                "unit": "bytes",
            }
        self._emit(event)

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            self._send(force=True)


_reporter: Reporter | None = None


class ByteCallback(Callback):
    """An fsspec callback that forwards byte counts to the reporter.

    File-count callbacks (``unit="file"``) branch into byte callbacks for
    each transferred file, and only those count bytes.
    """

    def __init__(self, *args: Any, counts_bytes: bool = True, **kwargs: Any):
        super().__init__()
        self._counts_bytes = counts_bytes and kwargs.get("unit") != "file"

    def __enter__(self) -> ByteCallback:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        pass

    def call(self, *args: Any, **kwargs: Any) -> None:
        pass

    def relative_update(self, inc: int = 1) -> None:
        self.value += inc
        if self._counts_bytes and _reporter is not None:
            _reporter.advance(inc)

    def absolute_update(self, value: int) -> None:
        self.relative_update(value - self.value)

    def branched(self, path_1: Any, path_2: Any, **kwargs: Any) -> ByteCallback:
        return ByteCallback(counts_bytes=True)


class _HashCallback(ByteCallback):
    # DVC shows hashing progress only for files from this size up; every
    # file counts here.
    LARGE_FILE_SIZE = 0


class _FileCountCallback(ByteCallback):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(counts_bytes=False)


def install(reporter: Reporter) -> None:
    """Route DVC's hashing and transfer callbacks to ``reporter``."""
    global _reporter
    _reporter = reporter
    try:
        from dvc_data.hashfile import hash as hashing
        from dvc_data.index import push as index_push

        hashing.LargeFileHashingCallback = _HashCallback
        index_push.TqdmCallback = _FileCountCallback
    except (ImportError, AttributeError) as error:
        logger.warning("Progress hooks not installed: %s", error)

    try:
        from dvc_data.index import checkout as index_checkout

        if hasattr(index_checkout, "TqdmCallback"):
            index_checkout.TqdmCallback = _FileCountCallback
    except ImportError:
        pass
