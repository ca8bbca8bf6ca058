"""Chat-model factory: LangChain ``ChatOpenAI`` against any OpenAI-compatible endpoint, or none (offline)."""

from __future__ import annotations

import logging

from langchain_core.language_models import BaseChatModel

from advisor.config import Settings

logger = logging.getLogger(__name__)


def build_chat_model(settings: Settings) -> BaseChatModel | None:
    """A chat model when a key or base URL is configured; ``None`` means offline mode.

    Retries are off: on a failure or timeout the caller falls back to the offline engine at once.
    """
    if not settings.llm_configured:
        return None
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    logger.info("chat model %s at %s", settings.llm_model, settings.llm_base_url or "api.openai.com")
    return ChatOpenAI(
        model=settings.llm_model,
        api_key=key,
        base_url=settings.llm_base_url,
        timeout=settings.llm_timeout,
        max_retries=0,
        temperature=settings.llm_temperature,
    )
