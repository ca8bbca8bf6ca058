"""Contract fuzzing of the whole HTTP API from its own OpenAPI schema (schemathesis), in process.

Every operation gets generated valid and invalid requests; every response must be documented (status,
content type, headers, body schema), no request may cause a server error, and invalid data must be
rejected. Bounded: a fixed number of examples per operation, no network.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from advisor.api.app import create_app
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.api.conftest import make_advisor

pytestmark = pytest.mark.slow
EXAMPLES = 30
# Schema-valid requests may still get 400 for the advisor's own checks on the meaning of the input
# (a blank or binary message, a plan asked for before the interview ends): documented, not a bug.
CONFIG = {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404"]}}}


@pytest.fixture(scope="module")
def api_schema(
    tmp_path_factory: pytest.TempPathFactory, knowledge_base: KnowledgeBase
) -> Iterator[schemathesis.BaseSchema]:
    app = create_app(
        make_advisor(
            tmp_path_factory.mktemp("fuzz") / "data",
            knowledge_base,
            admin_key="fuzz-admin-key",
            rate_limit_per_minute=1_000_000,
            session_rate_limit_per_minute=1_000_000,
        )
    )
    with TestClient(app):  # runs the lifespan: index, models and stores are ready for every case
        yield schemathesis.openapi.from_asgi(
            "/openapi.json", app, config=schemathesis.Config.from_dict(CONFIG)
        )


def test_every_operation_honours_its_contract(api_schema: schemathesis.BaseSchema) -> None:
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers={"Host": "testserver"})

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
