"""The Chroma collection of chunk vectors: embedded (PersistentClient) or a server (HttpClient)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from advisor.config import Settings
from advisor.errors import InputError, ServiceError
from advisor.knowledge.chunking import Chunk

logger = logging.getLogger(__name__)

Metadata = dict[str, Any]


def make_client(settings: Settings) -> Any:
    """Embedded Chroma under the data dir, or the server at ``ADVISOR_CHROMA_URL``."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in {"http", "https"} or not url.hostname:
            raise InputError(
                f"ADVISOR_CHROMA_URL must look like http://host:port, got {settings.chroma_url!r}"
            )
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises plain exceptions when the server is unreachable
            raise ServiceError(f"cannot reach the Chroma server at {settings.chroma_url}: {exc}") from exc
    path = settings.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class VectorStore:
    """Chunk vectors and their metadata in one Chroma collection (cosine space)."""

    def __init__(self, client: Any, name: str) -> None:
        self._client = client
        self.name = name
        self._collection = self._open()
        self._count: int | None = None  # cached between writes: a question does not ask Chroma twice

    def _open(self) -> Any:
        try:
            return self._client.get_or_create_collection(
                self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        except Exception as exc:
            raise ServiceError(f"cannot open the Chroma collection {self.name!r}: {exc}") from exc

    def reset(self) -> None:
        """Drop the collection and start an empty one."""
        try:
            self._client.delete_collection(self.name)
        except Exception:  # absent already
            logger.debug("collection %s did not exist", self.name)
        self._collection = self._open()
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = int(self._collection.count())
        return self._count

    def metadata_by_id(self) -> dict[str, Metadata]:
        """Every stored id with its metadata (no vectors)."""
        result = self._collection.get(include=["metadatas"])
        return {i: dict(m or {}) for i, m in zip(result["ids"], result["metadatas"] or [], strict=False)}

    def chunks(self) -> list[Chunk]:
        """Every stored chunk, in document and reading order."""
        result = self._collection.get(include=["metadatas", "documents"])
        chunks = [
            Chunk(id=i, text=doc, **meta)
            for i, doc, meta in zip(result["ids"], result["documents"], result["metadatas"], strict=True)
        ]
        return sorted(chunks, key=lambda c: (c.source, c.ordinal))

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        self.put([c.id for c in chunks], vectors, [c.text for c in chunks], [c.metadata() for c in chunks])

    def put(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        documents: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Insert or replace records (any collection: chunks, or the sentence units of chunks)."""
        if ids:
            self._count = None
            self._collection.upsert(
                ids=list(ids),
                embeddings=[list(v) for v in vectors],
                documents=list(documents),
                metadatas=list(metadatas),
            )

    def records(self) -> tuple[list[str], list[str], list[Metadata], np.ndarray]:
        """Every record: ids, documents, metadatas and the vectors as one float32 matrix."""
        result = self._collection.get(include=["metadatas", "documents", "embeddings"])
        ids = list(result["ids"])
        embeddings = result["embeddings"]
        matrix = (
            np.asarray(embeddings, dtype=np.float32) if ids and embeddings is not None else np.zeros((0, 0))
        )
        metas = [dict(m or {}) for m in result["metadatas"] or []]
        return ids, list(result["documents"] or []), metas, matrix

    def update_metadata(self, chunks: Sequence[Chunk]) -> None:
        if chunks:
            self._collection.update(ids=[c.id for c in chunks], metadatas=[c.metadata() for c in chunks])

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self._count = None
            self._collection.delete(ids=list(ids))
