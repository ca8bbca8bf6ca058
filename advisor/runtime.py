"""The advisor's long-lived parts, built once per process and shared by the CLI and the API."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property

from langchain_core.language_models import BaseChatModel

from advisor.answers.service import AnswerService
from advisor.config import Settings
from advisor.interview.engine import Interviewer
from advisor.interview.service import ChatService
from advisor.providers.chat import build_chat_model
from advisor.retrieval.ingest import ProgressCallback
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.sessions.store import SessionStore
from advisor.strategy.engine import StrategyEngine
from advisor.understanding.models import Context, Understanding
from advisor.understanding.understander import Understander


class Advisor:
    """Settings, knowledge base, strategy engine, answer service and session store, created lazily."""

    def __init__(
        self,
        settings: Settings,
        *,
        chat_model: BaseChatModel | None = None,
        use_chat_model: bool = True,
        kb: KnowledgeBase | None = None,
        understander: Understander | None = None,
    ) -> None:
        self.settings = settings
        if kb is not None:
            self.__dict__["kb"] = kb  # share an already-open knowledge base (tests, benchmarks)
        if understander is not None:
            self.__dict__["understander"] = understander  # share trained heads (tests, benchmarks)
        self._chat_model = chat_model
        self._use_chat_model = use_chat_model
        self._lock = threading.Lock()

    @cached_property
    def kb(self) -> KnowledgeBase:
        return KnowledgeBase(self.settings)

    @cached_property
    def engine(self) -> StrategyEngine:
        return StrategyEngine.from_settings(self.settings)

    @cached_property
    def chat_model(self) -> BaseChatModel | None:
        if not self._use_chat_model:
            return None
        return self._chat_model or build_chat_model(self.settings)

    @cached_property
    def answers(self) -> AnswerService:
        return AnswerService(self.kb, self.engine, chat_model=self.chat_model)

    @cached_property
    def sessions(self) -> SessionStore:
        return SessionStore.in_data_dir(self.settings.data_dir)

    @cached_property
    def understander(self) -> Understander:
        """The offline understanding layer (learned heads over the shared embedding model)."""
        return Understander(self.kb.embedder, self.settings.knowledge_dir, self.settings.data_dir / "models")

    def understand_fn(self) -> Callable[[str, Context], Understanding]:
        """How the interview reads messages: the chat model when configured, else the offline layer."""
        if self.chat_model is None:
            return self.understander.understand
        from advisor.understanding.llm import ModelUnderstander

        return ModelUnderstander(self.chat_model, self.understander)

    def interviewer(self) -> Interviewer:
        return Interviewer(
            self.settings.knowledge_dir,
            self.answers,
            self.engine,
            self.understand_fn(),
            source="model" if self.chat_model is not None else "rules",
        )

    @cached_property
    def chat(self) -> ChatService:
        return ChatService(self.interviewer(), self.sessions)

    def warm_up(self, progress: ProgressCallback | None = None) -> None:
        """Build the index if needed, load the models and the guardrails (servers do this at start-up)."""
        with self._lock:
            self.kb.ensure_ready(progress)
            _ = self.engine.catalogue, self.answers.checker, self.answers.templates, self.understander
