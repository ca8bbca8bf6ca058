"""The ``advisor`` command line."""

from advisor.cli import knowledge, plan, serve
from advisor.cli.app import app, main

__all__ = ["app", "knowledge", "main", "plan", "serve"]
