"""`advisor serve` as a real process on loopback, for the contract, worker and fault tests."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.common import serve as serve_process


@contextmanager
def serve(
    data_dir: Path, port: int | None = None, *, workers: int = 1, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The server with every worker ready (a test failure, not an error, when it cannot start)."""
    try:
        started = serve_process(data_dir, port, workers=workers, env=env)
        base, process = started.__enter__()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield base, process
    finally:
        started.__exit__(None, None, None)
