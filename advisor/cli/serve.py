"""``advisor serve``: the HTTP API and the widget, in one or several worker processes."""

from __future__ import annotations

from typing import Annotated

import typer

from advisor.cli.app import app, handle_errors

WORKER_HEALTHCHECK_SECONDS = 30


@app.command()
@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes. They share sessions (SQLite in the data dir, or ADVISOR_DATABASE_URL), "
            "and rate limits and the index version through ADVISOR_REDIS_URL when set.",
        ),
    ] = 1,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            help="Comma-separated addresses of trusted reverse proxies (or '*'): their X-Forwarded-For and "
            "X-Forwarded-Proto give the client address that rate limits count.",
        ),
    ] = "127.0.0.1",
) -> None:
    """Serve the advisor's HTTP API and chat widget (http://HOST:PORT/)."""
    import uvicorn

    uvicorn.run(
        "advisor.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        # the supervisor kills a worker that misses pings this long: leave room for a slow turn
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        log_level="info",
    )
