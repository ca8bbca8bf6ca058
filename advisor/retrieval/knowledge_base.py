"""The knowledge base: vector store + sentence units + embedder + hybrid retriever, built on first need."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import numpy as np
from chromadb.api.shared_system_client import SharedSystemClient

from advisor.config import Settings
from advisor.providers.embeddings import Embedder, build_embedder
from advisor.retrieval.ingest import IngestReport, ProgressCallback, index_is_current, ingest
from advisor.retrieval.lexicon import QueryLexicon
from advisor.retrieval.retriever import Hit, HybridRetriever
from advisor.retrieval.sentences import SentenceIndex, UnitMatrix
from advisor.retrieval.store import VectorStore, make_client

logger = logging.getLogger(__name__)


class KnowledgeBase:
    """One place to ingest and search the corpus. Safe to share between threads."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or build_embedder(settings)
        client = make_client(settings)
        self.store = VectorStore(client, f"{settings.collection_prefix}-{self.embedder.slug}")
        self.sentences = SentenceIndex(client, self.store.name)
        self._retriever: HybridRetriever | None = None
        self._units: UnitMatrix | None = None
        self._lock = threading.Lock()

    def ingest(self, *, rebuild: bool = False, progress: ProgressCallback | None = None) -> IngestReport:
        """Bring the index in line with the corpus (incrementally unless ``rebuild``)."""
        with self._lock:
            report = ingest(
                self.settings,
                self.store,
                self.embedder,
                rebuild=rebuild,
                progress=progress,
                sentences=self.sentences,
            )
            self._retriever = None
            self._units = None
            return report

    def reload(self) -> None:
        """Reopen the collection and rebuild the retriever on next use: another process re-ingested."""
        with self._lock:
            if (
                self.settings.chroma_url is None
            ):  # embedded: forget Chroma's per-path cache, read the files again
                SharedSystemClient.clear_system_cache()
            client = make_client(self.settings)
            self.store = VectorStore(client, self.store.name)
            self.sentences = SentenceIndex(client, self.store.name)
            self._retriever = None
            self._units = None

    def ensure_ready(self, progress: ProgressCallback | None = None) -> IngestReport | None:
        """Build or update the index if the corpus changed; returns the report when work was done."""
        with self._lock:
            if self._retriever is not None:
                return None
            report = None
            if not index_is_current(self.settings, self.store, self.sentences):
                logger.info("index is missing or stale: ingesting")
                report = ingest(
                    self.settings, self.store, self.embedder, progress=progress, sentences=self.sentences
                )
            retriever = self._build_retriever()
            retriever.warm_up()
            self._units = self.sentences.load(retriever.chunks)
            self._retriever = retriever
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

    @property
    def units(self) -> UnitMatrix:
        """Every sentence unit of the index with its vector (loaded with the retriever)."""
        self.ensure_ready()
        units = self._units
        assert units is not None
        return units

    def retrieve(
        self, query: str, k: int | None = None, *, vector: Sequence[float] | np.ndarray | None = None
    ) -> list[Hit]:
        """The best passages for ``query`` (builds the index first if needed); ``vector``: its embedding."""
        return self.retriever.retrieve(query, k or self.settings.retrieval_k, vector=vector)
