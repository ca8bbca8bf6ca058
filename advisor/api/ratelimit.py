"""Rate limits on the maintained ``limits`` library: per client IP, per session and per widget key.

Counters live in memory by default (each entry expires with its one-minute window, so memory is
bounded by the traffic of the last window, never by how many distinct clients were ever seen) or in
Redis when ``ADVISOR_REDIS_URL`` is set, shared by every worker. Sliding-window counters: two integers
per client, smooth at window edges.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from advisor.config import Settings

logger = logging.getLogger("advisor.api")

NAMESPACE = "advisor"


@dataclass(frozen=True)
class Limited:
    """A refused request: which limit it hit and when to try again."""

    scope: str
    retry_after: int

    @property
    def reason(self) -> str:
        who = {
            "ip": "from this network address",
            "session": "for this conversation",
            "key": "for this widget key",
        }[self.scope]
        return f"too many requests {who} — try again in {self.retry_after} s"


def make_storage(settings: Settings) -> Storage:
    """Redis storage when configured (shared by workers), otherwise bounded in-process memory."""
    if settings.redis_url is not None:
        url = settings.redis_url.get_secret_value()
        return RedisStorage(url, implementation="redispy", socket_timeout=2, socket_connect_timeout=2)
    return MemoryStorage()


class RateLimits:
    """The three limits of the public API. ``check`` charges every limit that applies to a request."""

    def __init__(self, settings: Settings, storage: Storage | None = None) -> None:
        self.storage = storage or make_storage(settings)
        self.limiter = SlidingWindowCounterRateLimiter(self.storage)
        self.items: dict[str, RateLimitItem] = {
            "ip": RateLimitItemPerMinute(settings.rate_limit_per_minute),
            "session": RateLimitItemPerMinute(settings.session_rate_limit_per_minute),
            "key": RateLimitItemPerMinute(settings.key_rate_limit_per_minute),
        }

    async def check(self, *, ip: str, session: str | None = None, key: str | None = None) -> Limited | None:
        """None when the request may go on; otherwise the first limit it exceeded.

        A storage failure (Redis down) lets the request through and logs a warning: rate limits
        protect the service, they must not take it down.
        """
        for scope, identifier in (("ip", ip), ("session", session), ("key", key)):
            if identifier is None:
                continue
            item = self.items[scope]
            try:
                if await self.limiter.hit(item, NAMESPACE, scope, identifier):
                    continue
                stats = await self.limiter.get_window_stats(item, NAMESPACE, scope, identifier)
            except Exception as exc:
                logger.warning("rate-limit storage unavailable, request let through: %s", exc)
                return None
            return Limited(scope, max(1, math.ceil(stats.reset_time - time.time())))
        return None
