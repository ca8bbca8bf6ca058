"""Server-sent events for a call that runs in the threadpool and may stream a chat model's tokens.

The call runs on a worker thread with a token receiver set (advisor/answers/streaming.py); each token
crosses to the event loop through a queue and goes out at once as a ``delta`` event, so the owner sees
the answer being written. The call's result, or its error, ends the stream. The library never sees
FastAPI: it only calls the receiver.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from advisor.answers.streaming import streaming_to
from advisor.api.errors import status_of
from advisor.errors import AdvisorError

T = TypeVar("T")


def sse(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def error_event(exc: BaseException) -> str:
    """The ``error`` event for a failure (never a stack trace)."""
    if isinstance(exc, AdvisorError):
        status, kind = status_of(exc)
        return sse("error", {"status": status, "type": kind, "message": str(exc)})
    return sse("error", {"status": 500, "type": "internal_error", "message": "internal error"})


async def live(call: Callable[[], T]) -> AsyncIterator[tuple[str, Any]]:
    """Run ``call`` in the threadpool; yield ("delta", token) as the model writes, then ("result", value)
    or ("error", exception)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def receive(token: str) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, ("delta", token))

    def work() -> T:
        with streaming_to(receive):
            return call()

    async def run() -> None:
        try:
            result = await run_in_threadpool(work)
        except Exception as exc:  # reported as an error event
            await queue.put(("error", exc))
        else:
            await queue.put(("result", result))

    task = asyncio.create_task(run())
    try:
        while True:
            kind, value = await queue.get()
            yield kind, value
            if kind in ("result", "error"):
                return
    finally:
        if not task.done():
            await asyncio.wait([task])


async def relay(
    call: Callable[[], T], text_of: Callable[[T], str], closing: Callable[[T], list[str]]
) -> AsyncIterator[str]:
    """The events of one call: status, the model's tokens as deltas (or, when the offline engine answered
    at once, the final text in word-sized deltas), then the ``closing`` events of its result; or an error."""
    yield sse("status", {"state": "thinking"})
    streamed = False
    async for kind, value in live(call):
        if kind == "delta":
            if not streamed:
                yield sse("status", {"state": "writing"})
            streamed = True
            yield sse("delta", {"text": value})
        elif kind == "error":
            yield error_event(value)
        else:
            if not streamed:
                for piece in re.findall(r"\S+\s*", text_of(value)):
                    yield sse("delta", {"text": piece})
            for event in closing(value):
                yield event
