"""What the worker processes of one deployment share besides the databases: a lock around index
builds and the index version, bumped by every re-ingest so every worker reloads its knowledge base.

Two implementations: files in the data dir (the default: workers on one machine) and Redis
(``ADVISOR_REDIS_URL``: workers on several machines).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import Any, Protocol

import redis
from filelock import FileLock, Timeout

from advisor.config import Settings
from advisor.errors import ServiceError

LOCK_WAIT_SECONDS = 900.0  # a first ingest on a slow machine takes minutes; others wait for it
LOCK_LEASE_SECONDS = 900  # Redis frees the lock by itself if its holder dies


class Coordinator(Protocol):
    def lock(self, name: str) -> AbstractContextManager[None]:
        """Mutual exclusion between every worker of the deployment."""
        ...

    def index_version(self) -> str:
        """The current index version ("" before the first re-ingest)."""
        ...

    def bump_index_version(self) -> str:
        """A new index version; every worker sees it on its next check."""
        ...


class FileCoordinator:
    """Lock files and a version file under the data dir: workers on one machine."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.version_file = data_dir / "index.version"

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        try:
            with FileLock(self.data_dir / f"{name}.lock", timeout=LOCK_WAIT_SECONDS, preserve_lock_file=True):
                yield
        except Timeout as exc:
            raise ServiceError(f"another worker holds the {name} lock for too long") from exc

    def index_version(self) -> str:
        try:
            return self.version_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    def bump_index_version(self) -> str:
        version = uuid.uuid4().hex
        tmp = self.version_file.with_suffix(f".{version}.tmp")
        tmp.write_text(version, encoding="utf-8")
        tmp.replace(self.version_file)  # atomic: a reader sees the old or the new version, never half
        return version


class RedisCoordinator:
    """A Redis lock (with a lease) and a counter: workers on any number of machines."""

    def __init__(self, url: str, prefix: str = "advisor") -> None:
        self.client: Any = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.prefix = prefix

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        lock = self.client.lock(
            f"{self.prefix}:lock:{name}", timeout=LOCK_LEASE_SECONDS, blocking_timeout=LOCK_WAIT_SECONDS
        )
        try:
            acquired = lock.acquire()
        except redis.RedisError as exc:
            raise ServiceError(f"Redis is unreachable (ADVISOR_REDIS_URL): {exc}") from exc
        if not acquired:
            raise ServiceError(f"another worker holds the {name} lock for too long")
        try:
            yield
        finally:
            with suppress(redis.RedisError):  # the lease ran out or Redis went away: nothing to release
                lock.release()

    def index_version(self) -> str:
        try:
            value = self.client.get(f"{self.prefix}:index-version")
        except redis.RedisError as exc:
            raise ServiceError(f"Redis is unreachable (ADVISOR_REDIS_URL): {exc}") from exc
        return value.decode() if value else ""

    def bump_index_version(self) -> str:
        try:
            return str(self.client.incr(f"{self.prefix}:index-version"))
        except redis.RedisError as exc:
            raise ServiceError(f"Redis is unreachable (ADVISOR_REDIS_URL): {exc}") from exc


def open_coordinator(settings: Settings) -> Coordinator:
    if settings.redis_url is not None:
        return RedisCoordinator(settings.redis_url.get_secret_value(), prefix=settings.collection_prefix)
    return FileCoordinator(settings.data_dir)
