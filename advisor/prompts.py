"""Prompt templates live as files in ``prompts/``; this loads them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from advisor.config import PROJECT_ROOT
from advisor.errors import ServiceError

PROMPTS_DIR = PROJECT_ROOT / "prompts"


@lru_cache(maxsize=32)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> str:
    """The text of ``prompts/<name>.md``."""
    path = directory / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ServiceError(f"prompt template missing: {path}") from exc
