from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api.app import create_app
from advisor.config import Settings
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.runtime import Advisor
from tests.conftest import CORPUS_DIR


def make_advisor(data_dir: Path, kb: KnowledgeBase, **settings: object) -> Advisor:
    settings.setdefault("allowed_hosts", ["testserver", "127.0.0.1", "localhost"])
    return Advisor(
        Settings(data_dir=data_dir, knowledge_dir=CORPUS_DIR, **settings), kb=kb, use_chat_model=False
    )  # type: ignore[arg-type]


@pytest.fixture
def client(tmp_path: Path, knowledge_base: KnowledgeBase) -> Iterator[TestClient]:
    app = create_app(
        make_advisor(
            tmp_path / "data",
            knowledge_base,
            admin_key="s3cret",
            widget_keys={"shop": ["https://shop.example"]},
        )
    )
    with TestClient(app) as test_client:
        yield test_client
