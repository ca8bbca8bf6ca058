"""The ``advisor`` command line."""

from advisor.cli import answers, knowledge, plan, serve
from advisor.cli.app import app, main

__all__ = ["answers", "app", "knowledge", "main", "plan", "serve"]
