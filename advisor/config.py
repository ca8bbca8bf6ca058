"""Settings: one object, read from the environment (prefix ``ADVISOR_``) when first asked for."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MAX_MESSAGE_CHARS = 8000
"""The one limit on what an owner may type (characters, i.e. code points), for the widget, the API and the interview."""


class Settings(BaseSettings):
    """Every knob of the advisor. Environment variables win over the defaults shown here."""

    model_config = SettingsConfigDict(
        env_prefix="ADVISOR_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(
        Path(".advisor"),
        description="Every file the advisor writes (index, ledger, sessions) lives under this folder.",
    )
    models_dir: Path | None = Field(
        None,
        description="Cache of the trained classifier heads (keyed by a hash of their training data); "
        "unset: data_dir/models. Share one between data dirs to train once.",
    )
    knowledge_dir: Path = Field(
        PROJECT_ROOT / "knowledge",
        description="Folder with the corpus (corpus/*.txt + corpus.yaml) and curated YAML data.",
    )

    # --- vector store -------------------------------------------------------------------------
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8001). Unset: embedded Chroma under data_dir.",
    )
    collection_prefix: str = Field("advisor", description="Prefix of the Chroma collection name.")

    # --- embeddings ---------------------------------------------------------------------------
    embeddings: Literal["local", "openai"] = Field(
        "local",
        description="'local' = all-MiniLM-L6-v2 shipped in site-packages; 'openai' = OpenAI-compatible API.",
    )
    embedding_model: str = Field(
        "text-embedding-3-small", description="Embedding model name when embeddings='openai'."
    )
    embedding_device: str = Field("cpu", description="Torch device for the local embedding model.")
    embedding_threads: int = Field(
        1,
        ge=1,
        le=64,
        description="CPU threads of the local embedding model. One per call is fastest when requests run "
        "concurrently or other processes share the cores (measured: 10 ms a question, against 20-480 ms "
        "with two threads on a busy 2-core machine); more only helps a large ingest on an idle machine.",
    )

    # --- chat model (optional) ----------------------------------------------------------------
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("ADVISOR_OPENAI_API_KEY", "OPENAI_API_KEY"),
        description="API key for an OpenAI-compatible endpoint. Unset (and no base URL): offline mode.",
    )
    llm_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("ADVISOR_LLM_BASE_URL", "OPENAI_BASE_URL"),
        description="Base URL of an OpenAI-compatible server (OpenAI, Azure, Ollama, vLLM, llama.cpp).",
    )
    llm_model: str = Field("gpt-4o-mini", description="Chat model name.")
    llm_timeout: float = Field(20.0, gt=0, description="Seconds before a model call is abandoned.")
    llm_temperature: float = Field(0.2, ge=0, le=2)

    # --- chunking and retrieval ---------------------------------------------------------------
    chunk_max_tokens: int = Field(200, ge=64, le=2000, description="Upper bound of a chunk, in tokens.")
    chunk_overlap_tokens: int = Field(40, ge=0, le=400, description="Tokens carried into the next chunk.")
    retrieval_k: int = Field(5, ge=1, le=50, description="Hits returned by default.")
    retrieval_candidates: int = Field(30, ge=5, le=200, description="Candidates taken from each retriever.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")
    max_per_section: int = Field(2, ge=1, description="Diversity: at most this many hits from one section.")

    # --- HTTP API ---------------------------------------------------------------------------
    cors_origins: list[str] = Field(
        default_factory=list, description="Extra origins allowed to call the API from a browser (JSON list)."
    )
    widget_keys: dict[str, list[str]] = Field(
        default_factory=lambda: {"demo": ["http://127.0.0.1:8000", "http://localhost:8000"]},
        description='Widget keys and the origins each may be used from, e.g. {"shop-key": ["https://shop.example"]}.',
    )
    admin_key: SecretStr | None = Field(
        None, description="Key for POST /v1/admin/reingest (header X-Admin-Key)."
    )
    max_message_bytes: int = Field(
        64 * 1024,
        ge=256,
        description="Largest request body accepted, in bytes (413 above). The default holds a message of "
        "MAX_MESSAGE_CHARS characters in any script (UTF-8 uses up to 4 bytes a character).",
    )
    allowed_hosts: list[str] = Field(
        default_factory=lambda: ["127.0.0.1", "localhost", "::1"],
        description='Host names the server answers to (400 for any other Host header); "*" allows any, '
        '"*.example.com" a domain and its subdomains. Add your public host name when you deploy.',
    )
    rate_limit_per_minute: int = Field(
        1200,
        ge=1,
        description="Requests per minute per client IP, sized for many shoppers behind one NAT.",
    )
    session_rate_limit_per_minute: int = Field(
        60, ge=1, description="Requests per minute naming one session (messages, transcript, plan)."
    )
    key_rate_limit_per_minute: int = Field(
        1200,
        ge=1,
        description="Requests per minute per widget key, charged only for calls from one of its origins.",
    )

    # --- scale-out ----------------------------------------------------------------------------
    database_url: SecretStr | None = Field(
        None,
        description="postgresql://user:password@host:5432/db stores sessions in PostgreSQL. "
        "Unset: SQLite (WAL) under data_dir.",
    )
    redis_url: SecretStr | None = Field(
        None,
        description="redis://host:6379/0 shares rate limits and the index version between workers. "
        "Unset: in-process rate limits and a version file under data_dir.",
    )
    session_retention_days: int = Field(
        90,
        ge=0,
        description="Sessions untouched for this many days are deleted (at start-up and hourly); 0 keeps them.",
    )

    @property
    def llm_configured(self) -> bool:
        """True when a chat model endpoint is configured (key or base URL)."""
        return self.openai_api_key is not None or self.llm_base_url is not None

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def models_path(self) -> Path:
        """Where the trained heads (understanding, harm) are cached: ``models_dir`` or ``data_dir/models``."""
        return self.models_dir or self.data_dir / "models"

    @property
    def corpus_dir(self) -> Path:
        return self.knowledge_dir / "corpus"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, built on first use (never at import time)."""
    return Settings()
