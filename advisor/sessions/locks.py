"""Per-session mutual exclusion that holds across threads and, with a lock folder, across processes.

Session ids hash onto a fixed number of stripes, so memory stays bounded however many sessions exist;
two sessions sharing a stripe merely wait for each other. The file locks (``flock`` through the
maintained ``filelock`` package) are released by the kernel when a process dies, even on kill -9.
Threads of one process queue on the in-process lock first, so at most one of them polls the file.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from advisor.errors import ServiceError

STRIPES = 256


class SessionLocks:
    def __init__(self, lock_dir: Path | None = None, *, timeout: float = 60.0) -> None:
        self.lock_dir = lock_dir
        self.timeout = timeout
        self._threads = [threading.Lock() for _ in range(STRIPES)]
        if lock_dir is not None:
            lock_dir.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def hold(self, session_id: str) -> Iterator[None]:
        stripe = zlib.crc32(session_id.encode("utf-8")) % STRIPES
        deadline = time.monotonic() + self.timeout
        busy = ServiceError("this conversation is busy with another message", hint="try again in a moment")
        if not self._threads[stripe].acquire(timeout=self.timeout):
            raise busy
        try:
            if self.lock_dir is None:
                yield
                return
            lock = FileLock(self.lock_dir / f"{stripe:03d}.lock", preserve_lock_file=True)
            try:
                lock.acquire(timeout=max(0.0, deadline - time.monotonic()), poll_interval=0.005)
            except Timeout:
                raise busy from None
            try:
                yield
            finally:
                lock.release()
        finally:
            self._threads[stripe].release()
