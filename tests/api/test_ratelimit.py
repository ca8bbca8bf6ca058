"""The in-memory rate-limit store stays bounded: buckets expire with their window, however many
distinct clients were seen."""

from __future__ import annotations

import asyncio

from limits import RateLimitItemPerSecond

from advisor.api.ratelimit import RateLimits
from advisor.config import Settings


def test_forty_thousand_distinct_clients_leave_no_buckets_behind() -> None:
    limits = RateLimits(Settings(rate_limit_per_minute=5))
    limits.items["ip"] = RateLimitItemPerSecond(5)  # a one-second window keeps the test short
    storage = limits.storage

    async def run() -> tuple[int, int]:
        for n in range(40_000):
            assert await limits.check(ip=f"10.{n // 65536}.{n // 256 % 256}.{n % 256}") is None
        peak = len(storage.storage)  # type: ignore[attr-defined]
        await asyncio.sleep(2.2)  # two windows: every counter has expired
        await limits.check(ip="10.255.255.255")  # any hit sweeps the expired entries
        await asyncio.sleep(0.5)
        return peak, len(storage.storage)  # type: ignore[attr-defined]

    peak, after = asyncio.run(run())
    assert peak >= 40_000 and after <= 2


def test_limits_count_per_client_and_say_when_to_retry() -> None:
    limits = RateLimits(Settings(rate_limit_per_minute=2, session_rate_limit_per_minute=1))

    async def run() -> list[object]:
        return [
            await limits.check(ip="1.1.1.1", session="s1"),
            await limits.check(ip="1.1.1.1", session="s2"),
            await limits.check(ip="2.2.2.2", session="s1"),
            await limits.check(ip="1.1.1.1"),
        ]

    first, second, same_session, third = asyncio.run(run())
    assert first is None and second is None
    assert same_session is not None and same_session.scope == "session"  # type: ignore[attr-defined]
    assert third is not None and third.scope == "ip" and 1 <= third.retry_after <= 60  # type: ignore[attr-defined]
