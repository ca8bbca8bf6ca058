"""What an owner's message must be before the interview reads it: text, not binary, not blank, not over
the length limit. Control characters become spaces; nothing else is changed."""

from __future__ import annotations

import re
from typing import Any

from advisor.config import MAX_MESSAGE_CHARS
from advisor.errors import InputError

_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_message(text: Any) -> str:
    """The message, cleaned; an ``InputError`` that says what is wrong with it otherwise."""
    if not isinstance(text, str):
        raise InputError("the message must be text")
    if "\x00" in text:
        raise InputError("the message looks binary")
    clean = _CONTROL.sub(" ", text).strip()
    if not clean:
        raise InputError("the message is empty")
    if len(clean) > MAX_MESSAGE_CHARS:
        raise InputError(f"the message is too long ({len(clean)} characters; at most {MAX_MESSAGE_CHARS})")
    return clean
