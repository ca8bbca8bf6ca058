"""ASGI entry point: ``uvicorn server:app`` (``advisor serve`` and ``make run`` do this for you)."""

from advisor.api.app import create_app

app = create_app()
