"""Curated domain data (YAML under ``knowledge/``): loaded once per file, with clear errors."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from advisor.errors import ServiceError


@lru_cache(maxsize=32)
def _load(path: Path, mtime: float) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ServiceError(f"curated data file {path} is not valid YAML: {exc}") from exc


def load_curated(knowledge_dir: Path, name: str) -> Any:
    """Parsed ``knowledge_dir/name`` (re-read when the file changes)."""
    path = (knowledge_dir / name).resolve()
    if not path.exists():
        raise ServiceError(f"curated data file is missing: {path}")
    return _load(path, path.stat().st_mtime)
