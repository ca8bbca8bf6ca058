"""Eval suites: datasets in a documented YAML format, metrics, and the regression gate."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from advisor.errors import InputError

D = TypeVar("D", bound=BaseModel)


def load_dataset(path: Path, model: type[D]) -> D:
    """A YAML dataset validated into ``model``; clear errors for missing or malformed files."""
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise InputError(f"dataset not found: {path}") from exc
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as exc:
        raise InputError(f"dataset {path} is malformed: {exc}") from exc
