"""Shared fixtures. Every test runs with the network closed except loopback."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.config import PROJECT_ROOT, Settings, get_settings
from advisor.providers.embeddings import LocalMiniLMEmbedder
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.fakes.openai_server import ScriptedOpenAI

os.environ.setdefault("HF_HUB_OFFLINE", "1")
for _name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ADVISOR_LLM_BASE_URL", "ADVISOR_OPENAI_API_KEY"):
    os.environ.pop(_name, None)

CORPUS_DIR = PROJECT_ROOT / "knowledge"
# Trained heads are cached by a hash of their data: every advisor the tests start (in process or as a
# server subprocess, which inherits the environment) shares one cache and trains at most once.
MODELS_DIR = Path(tempfile.gettempdir()) / f"advisor-test-models-{os.getuid()}"
os.environ.setdefault("ADVISOR_MODELS_DIR", str(MODELS_DIR))


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return isinstance(address, (str, bytes))  # unix sockets


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a non-loopback address fails the test: the advisor must work offline."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: object) -> None:
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach the network: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach the network: {address!r}")
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture(autouse=True)
def _fresh_settings_cache() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private data dir and the real corpus."""
    return Settings(data_dir=tmp_path / "data", knowledge_dir=CORPUS_DIR)


@pytest.fixture
def tiny_knowledge(tmp_path: Path) -> Path:
    """A knowledge dir with two small documents, for ingest bookkeeping tests."""
    root = tmp_path / "knowledge"
    (root / "corpus").mkdir(parents=True)
    (root / "corpus" / "a.txt").write_text(
        "Alpha Guide\nAlpha intro paragraph about chatbots for customer service.\n\n"
        "Pricing Basics\nDynamic pricing adjusts prices to demand. Keep it fair.\n- Audit prices monthly.\n",
        encoding="utf-8",
    )
    (root / "corpus" / "b.txt").write_text(
        "Beta Notes\nDemand forecasting reduces stockouts.\n\nData Privacy\nCollect only what you need.\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="session")
def minilm() -> LocalMiniLMEmbedder:
    """The real local embedding model, loaded once for the session."""
    embedder = LocalMiniLMEmbedder()
    embedder.warm_up()
    return embedder


@pytest.fixture(scope="session", autouse=True)
def trained_heads(minilm: LocalMiniLMEmbedder) -> None:
    """Train (or load) the understanding heads and the harm classifier into the shared cache before any
    test: a server started by a test then never trains while the test is timing its replies."""
    from advisor.guardrails.harm import harm_classifier
    from advisor.understanding.training import TrainingData, train_heads

    train_heads(TrainingData.load(CORPUS_DIR), minilm, MODELS_DIR)
    harm_classifier(CORPUS_DIR, minilm, MODELS_DIR)


@pytest.fixture(scope="session")
def knowledge_base(tmp_path_factory: pytest.TempPathFactory, minilm: LocalMiniLMEmbedder) -> KnowledgeBase:
    """The real corpus indexed with the real model, built once per session. Treat as read-only."""
    data_dir = tmp_path_factory.mktemp("built") / "data"
    kb = KnowledgeBase(Settings(data_dir=data_dir, knowledge_dir=CORPUS_DIR), embedder=minilm)
    kb.ensure_ready()
    return kb


@pytest.fixture
def openai_server() -> Iterator[ScriptedOpenAI]:
    server = ScriptedOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def answer_service(knowledge_base: KnowledgeBase, understander):  # type: ignore[no-untyped-def]
    """The offline answer service on the real index (read-only)."""
    from advisor.answers.service import AnswerService
    from advisor.strategy.engine import StrategyEngine

    return AnswerService(knowledge_base, StrategyEngine(CORPUS_DIR), understander=understander)


@pytest.fixture(scope="session")
def understander(tmp_path_factory: pytest.TempPathFactory, minilm: LocalMiniLMEmbedder):  # type: ignore[no-untyped-def]
    """The offline understanding layer with its heads trained once per session."""
    from advisor.understanding.understander import Understander

    return Understander(minilm, CORPUS_DIR, MODELS_DIR)


@pytest.fixture
def advisor(tmp_path: Path, knowledge_base: KnowledgeBase, understander):  # type: ignore[no-untyped-def]
    """An offline Advisor with a private data dir (sessions) over the shared, read-only index."""
    from advisor.runtime import Advisor

    return Advisor(
        Settings(data_dir=tmp_path / "data", knowledge_dir=CORPUS_DIR),
        kb=knowledge_base,
        use_chat_model=False,
        understander=understander,
    )


def _server_or_skip(start):  # type: ignore[no-untyped-def]
    """Start a real server; without its Debian package skip with a note, except in CI where it must run."""
    from tests.servers import Unavailable

    try:
        return start()
    except Unavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc} — CI must run the PostgreSQL and Redis tests")
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    from tests.servers import start_postgres

    server = _server_or_skip(start_postgres)
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A fresh, empty database on the session's PostgreSQL server."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server.url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield postgres_server.url_for(name)
    with psycopg.connect(postgres_server.url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[object]:
    from tests.servers import start_redis

    server = _server_or_skip(start_redis)
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server) -> str:  # type: ignore[no-untyped-def]
    """The session's Redis server, emptied for this test."""
    import redis

    redis.Redis.from_url(redis_server.url).flushall()
    return str(redis_server.url)
