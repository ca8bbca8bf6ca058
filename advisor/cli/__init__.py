"""The ``advisor`` command line."""

from advisor.cli import answers, chat, knowledge, plan, serve
from advisor.cli.app import app, main

__all__ = ["answers", "app", "chat", "knowledge", "main", "plan", "serve"]
