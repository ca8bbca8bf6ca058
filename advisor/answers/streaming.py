"""Where a chat model's tokens go while an answer is being written.

A caller that streams (the API's server-sent events) sets a receiver for the duration of one call; the
answer service sends the model's tokens to it as they arrive. The receiver travels in a context
variable, so the layers in between (the interview, the chat service) need not pass it along.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Delta = Callable[[str], None]
_receiver: ContextVar[Delta | None] = ContextVar("advisor_answer_deltas", default=None)


def current_receiver() -> Delta | None:
    """The receiver set for the current call, if any."""
    return _receiver.get()


@contextmanager
def streaming_to(receiver: Delta) -> Iterator[None]:
    """Send the chat model's tokens to ``receiver`` for answers written inside this block."""
    token = _receiver.set(receiver)
    try:
        yield
    finally:
        _receiver.reset(token)
