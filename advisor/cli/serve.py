"""``advisor serve``: the HTTP API and the widget."""

from __future__ import annotations

from typing import Annotated

import typer

from advisor.cli.app import app, handle_errors


@app.command()
@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the advisor's HTTP API and chat widget (http://HOST:PORT/)."""
    import uvicorn

    uvicorn.run("advisor.api.app:create_app", factory=True, host=host, port=port, log_level="info")
