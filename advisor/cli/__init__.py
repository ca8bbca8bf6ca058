"""The ``advisor`` command line."""

from advisor.cli import answers, chat, evals, knowledge, plan, serve, sessions
from advisor.cli.app import app, main

__all__ = ["answers", "app", "chat", "evals", "knowledge", "main", "plan", "serve", "sessions"]
