"""The knowledge base: vector store + embedder + hybrid retriever, built on first need."""

from __future__ import annotations

import logging
import threading

from chromadb.api.shared_system_client import SharedSystemClient

from advisor.config import Settings
from advisor.providers.embeddings import Embedder, build_embedder
from advisor.retrieval.ingest import IngestReport, ProgressCallback, index_is_current, ingest
from advisor.retrieval.lexicon import QueryLexicon
from advisor.retrieval.retriever import Hit, HybridRetriever
from advisor.retrieval.store import VectorStore, make_client

logger = logging.getLogger(__name__)


class KnowledgeBase:
    """One place to ingest and search the corpus. Safe to share between threads."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or build_embedder(settings)
        self.store = VectorStore(make_client(settings), f"{settings.collection_prefix}-{self.embedder.slug}")
        self._retriever: HybridRetriever | None = None
        self._lock = threading.Lock()

    def ingest(self, *, rebuild: bool = False, progress: ProgressCallback | None = None) -> IngestReport:
        """Bring the index in line with the corpus (incrementally unless ``rebuild``)."""
        with self._lock:
            report = ingest(self.settings, self.store, self.embedder, rebuild=rebuild, progress=progress)
            self._retriever = None
            return report

    def reload(self) -> None:
        """Reopen the collection and rebuild the retriever on next use: another process re-ingested."""
        with self._lock:
            if (
                self.settings.chroma_url is None
            ):  # embedded: forget Chroma's per-path cache, read the files again
                SharedSystemClient.clear_system_cache()
            self.store = VectorStore(make_client(self.settings), self.store.name)
            self._retriever = None

    def ensure_ready(self, progress: ProgressCallback | None = None) -> IngestReport | None:
        """Build or update the index if the corpus changed; returns the report when work was done."""
        with self._lock:
            if self._retriever is not None:
                return None
            report = None
            if not index_is_current(self.settings, self.store):
                logger.info("index is missing or stale: ingesting")
                report = ingest(self.settings, self.store, self.embedder, progress=progress)
            self._retriever = self._build_retriever()
            return report

    def _build_retriever(self) -> HybridRetriever:
        s = self.settings
        return HybridRetriever(
            self.store,
            self.embedder,
            self.store.chunks(),
            candidates=s.retrieval_candidates,
            rrf_k=s.rrf_k,
            max_per_section=s.max_per_section,
            lexicon=QueryLexicon.load(s.knowledge_dir),
        )

    @property
    def retriever(self) -> HybridRetriever:
        self.ensure_ready()
        assert self._retriever is not None
        return self._retriever

    def retrieve(self, query: str, k: int | None = None) -> list[Hit]:
        """The best passages for ``query`` (builds the index first if needed)."""
        return self.retriever.retrieve(query, k or self.settings.retrieval_k)
