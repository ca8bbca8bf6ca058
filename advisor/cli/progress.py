"""Progress bars for long work (stderr, so stdout stays machine-readable)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from advisor.cli.app import err_console
from advisor.retrieval.ingest import ProgressCallback


@contextmanager
def embedding_progress(description: str = "Embedding chunks") -> Iterator[ProgressCallback]:
    """A ``progress(done, total)`` callback drawing a bar; it appears only once there is work."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    )
    task: list[TaskID] = []

    def update(done: int, total: int) -> None:
        if total == 0:
            return
        if not task:
            progress.start()
            task.append(progress.add_task(description, total=total))
        progress.update(task[0], completed=done, total=total)

    try:
        yield update
    finally:
        if task:
            progress.stop()
