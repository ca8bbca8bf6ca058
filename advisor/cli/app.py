"""Typer application, shared options and the error boundary of the command line."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from advisor.errors import AdvisorError, InputError

P = ParamSpec("P")
R = TypeVar("R")

err_console = Console(stderr=True)

app = typer.Typer(
    name="advisor",
    help=(
        "Offline-first advisor that helps small e-commerce businesses build a Strategic AI Action Plan.\n\n"
        "Works with no network and no API key; set OPENAI_API_KEY or ADVISOR_LLM_BASE_URL to let a chat "
        "model improve wording. Settings come from ADVISOR_* environment variables (see README)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what the advisor does (stderr).")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn advisor errors into a one-line message and an exit code: 2 for input, 1 for runtime."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except InputError as exc:
            raise fail(str(exc), 2) from None
        except AdvisorError as exc:
            raise fail(str(exc), 1) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except Exception as exc:  # the boundary: no traceback reaches the user
            logging.getLogger("advisor").debug("unexpected error", exc_info=True)
            raise fail(
                f"unexpected {type(exc).__name__}: {exc} (run with --verbose for details)", 1
            ) from None

    return wrapper


def main() -> None:
    """Console-script entry point (commands register themselves on import of ``advisor.cli``)."""
    app()
