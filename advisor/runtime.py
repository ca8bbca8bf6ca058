"""The advisor's long-lived parts, built once per process and shared by the CLI and the API."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import cached_property

from langchain_core.language_models import BaseChatModel

from advisor.answers.service import AnswerService
from advisor.config import Settings
from advisor.coordination import Coordinator, open_coordinator
from advisor.errors import ServiceError
from advisor.interview.engine import Interviewer
from advisor.interview.service import ChatService
from advisor.providers.chat import build_chat_model
from advisor.retrieval.ingest import IngestReport, ProgressCallback
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.sessions.factory import open_store
from advisor.sessions.store import SessionStore
from advisor.strategy.engine import StrategyEngine
from advisor.understanding.models import Context, Understanding
from advisor.understanding.understander import Understander

logger = logging.getLogger(__name__)
INDEX_CHECK_SECONDS = 1.0


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
        self._index_version = ""
        self._index_checked = 0.0

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
        return AnswerService(self.kb, self.engine, chat_model=self.chat_model, understander=self.understander)

    @cached_property
    def sessions(self) -> SessionStore:
        return open_store(self.settings)

    @cached_property
    def understander(self) -> Understander:
        """The offline understanding layer (learned heads over the shared embedding model)."""
        return Understander(self.kb.embedder, self.settings.knowledge_dir, self.settings.models_path)

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

    @cached_property
    def coordinator(self) -> Coordinator:
        return open_coordinator(self.settings)

    def close(self) -> None:
        """Release the session store's connections (if it was opened)."""
        store = self.__dict__.get("sessions")
        if store is not None:
            store.close()

    def warm_up(self, progress: ProgressCallback | None = None) -> None:
        """Build the index if needed, load the models and the guardrails (servers do this at start-up).

        Workers starting together build the index once: the others wait for the lock, then find it current.
        """
        with self._lock:
            with self.coordinator.lock("index"):  # also trains the learned heads once, cached
                self.kb.ensure_ready(progress)
                # one reading loads what the first owner message would otherwise wait for (the
                # spelling list behind typo-tolerant tool names, the sentence splitter, the money parser)
                self.understander.understand("We sell candles on Shopfy, about $40,000 a month.")
                self.answers.warm_up()  # question heads and the sentence ranker
            self._index_version = self.coordinator.index_version()
            self._index_checked = time.monotonic()
            _ = self.engine.catalogue

    def reingest(self) -> IngestReport:
        """Bring the index in line with the corpus, then tell every other worker to reload."""
        with self._lock, self.coordinator.lock("index"):
            report = self.kb.ingest()
            self.kb.ensure_ready()
            self._index_version = self.coordinator.bump_index_version()
            return report

    @property
    def index_version(self) -> str:
        """The index version this process serves ("" until the first re-ingest)."""
        return self._index_version

    def sync_index(self) -> bool:
        """Reload the knowledge base when another worker re-ingested; checks at most once a second."""
        if time.monotonic() - self._index_checked < INDEX_CHECK_SECONDS:
            return False
        self._index_checked = time.monotonic()
        try:
            version = self.coordinator.index_version()
        except ServiceError as exc:  # Redis away for a moment: keep serving the index we have
            logger.warning("cannot check the index version: %s", exc)
            return False
        if version == self._index_version:
            return False
        with self._lock:
            logger.info("the index changed in another worker: reloading")
            self.kb.reload()
            self.kb.ensure_ready()
            self._index_version = version
        return True
