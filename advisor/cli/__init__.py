"""The ``advisor`` command line."""

from advisor.cli import knowledge, serve
from advisor.cli.app import app, main

__all__ = ["app", "knowledge", "main", "serve"]
