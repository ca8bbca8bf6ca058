"""Retention: how long sessions are kept, written the way people say it ("30d", "12h", "2w")."""

from __future__ import annotations

import re
from datetime import timedelta

from advisor.errors import InputError

AGE = re.compile(r"(\d{1,6})\s*(s|m|h|d|w)")
UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_age(text: str) -> timedelta:
    """``30d`` → 30 days; units s, m (minutes), h, d, w."""
    match = AGE.fullmatch(text.strip().lower())
    if match is None:
        raise InputError(f"cannot read the age {text!r}", hint="write it like 30d, 12h, 2w or 90m")
    return timedelta(**{UNITS[match.group(2)]: int(match.group(1))})


def retention(days: int) -> timedelta | None:
    """The retention setting as an age; None when sessions are kept forever (0)."""
    return timedelta(days=days) if days > 0 else None
