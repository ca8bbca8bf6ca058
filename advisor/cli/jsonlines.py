"""JSON-lines batch input shared by ``retrieve --batch`` and ``ask --batch``.

Each line holds ``{"id": ..., "question": "..."}``. A bad line does not stop the batch: it yields a
:class:`BadLine` (reported on stderr and as an ``error`` object on stdout), and the command exits
non-zero at the end, so nothing good is lost.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from advisor.errors import InputError, NotFoundError

MAX_LINE_CHARS = 16_000


@dataclass(frozen=True)
class BatchItem:
    line: int
    id: Any
    question: str


@dataclass(frozen=True)
class BadLine:
    line: int
    id: Any
    error: str


def _parse(number: int, raw: str) -> BatchItem | BadLine:
    if len(raw) > MAX_LINE_CHARS:
        return BadLine(number, None, f"line {number}: longer than {MAX_LINE_CHARS} characters")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return BadLine(number, None, f"line {number}: not valid JSON ({exc.msg})")
    if not isinstance(data, dict):
        return BadLine(number, None, f'line {number}: expected an object like {{"id": 1, "question": "..."}}')
    item_id = data.get("id", number)
    if isinstance(item_id, (dict, list)):
        return BadLine(number, None, f"line {number}: 'id' must be a string or a number")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        return BadLine(number, item_id, f"line {number}: 'question' must be a non-empty string")
    return BatchItem(number, item_id, question)


def iter_batch(stream: TextIO) -> Iterator[BatchItem | BadLine]:
    """Parsed items of a JSON-lines stream; blank lines are skipped."""
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield _parse(number, raw.strip())


def open_batch(path: Path) -> TextIO:
    """Open a batch file (``-`` is stdin) with clear errors for missing, unreadable or binary files."""
    if str(path) == "-":
        return sys.stdin
    if not path.exists():
        raise NotFoundError(f"batch file not found: {path}")
    if path.is_dir():
        raise InputError(f"batch file is a directory: {path}")
    head = path.open("rb").read(4096)
    if b"\x00" in head:
        raise InputError(f"batch file looks binary, expected JSON lines: {path}")
    return path.open(encoding="utf-8", errors="replace")


def emit(obj: dict[str, Any], out: TextIO | None = None) -> None:
    """One JSON object per line, flushed (scripts read it as it comes)."""
    stream = out or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
    stream.flush()


def run_batch(stream: TextIO, answer: Callable[[str], dict[str, Any]], warn: Callable[[str], None]) -> int:
    """Answer every good line as ``{"id", **answer(question)}``; report bad ones. Returns how many were bad."""
    bad = 0
    with stream:
        for item in iter_batch(stream):
            if isinstance(item, BadLine):
                bad += 1
                warn(item.error)
                emit({"id": item.id, "error": item.error})
                continue
            try:
                result = answer(item.question)
            except InputError as exc:
                bad += 1
                emit({"id": item.id, "error": f"line {item.line}: {exc}"})
                continue
            emit({"id": item.id, **result})
    return bad
