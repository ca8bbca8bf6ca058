"""Client-server Chroma: `chroma run` on a loopback port, reached through ADVISOR_CHROMA_URL."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from advisor.config import Settings
from advisor.errors import ServiceError
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.conftest import CORPUS_DIR
from tests.fakes.embedder import HashingEmbedder

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    path = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/api/v2/heartbeat", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("chroma run did not come up")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_ingest_and_retrieve_against_a_chroma_server(chroma_url: str, tmp_path: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=CORPUS_DIR, chroma_url=chroma_url)
    kb = KnowledgeBase(settings, embedder=minilm)
    report = kb.ingest()
    assert report.embedded == report.chunks > 50
    hits = kb.retrieve("How should I score AI tools with STRIVE?", k=3)
    assert any("STRIVE" in h.section for h in hits)
    assert not (tmp_path / "data" / "index" / "chroma").exists()  # nothing was stored locally
    again = KnowledgeBase(settings, embedder=minilm).ingest()
    assert again.embedded == 0


def test_incremental_bookkeeping_is_the_same_on_a_server(
    chroma_url: str, tmp_path: Path, tiny_knowledge: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=tiny_knowledge,
        chroma_url=chroma_url,
        collection_prefix="tiny",
    )
    embedder = HashingEmbedder()
    assert KnowledgeBase(settings, embedder=embedder).ingest(rebuild=True).embedded == 4
    (tiny_knowledge / "corpus" / "b.txt").unlink()
    report = KnowledgeBase(settings, embedder=embedder).ingest()
    assert (report.embedded, report.deleted) == (0, 2)


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(ServiceError, match="Chroma"):
        KnowledgeBase(settings, embedder=HashingEmbedder())
