"""One error hierarchy. Interfaces (CLI, API) turn these into exit codes and HTTP errors."""

from __future__ import annotations


class AdvisorError(Exception):
    """Base of every error the advisor raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(AdvisorError):
    """The user gave something the advisor cannot use (empty, malformed, too large...)."""


class NotFoundError(InputError):
    """Something the user named does not exist (a session, a file)."""


class ServiceError(AdvisorError):
    """A runtime failure that is not the user's fault (index, model, storage)."""


class ModelError(ServiceError):
    """The configured chat or embedding model failed or timed out."""
