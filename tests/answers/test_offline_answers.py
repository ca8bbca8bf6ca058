"""The offline answerer and the answer service on the real corpus."""

from __future__ import annotations

import re

import pytest

from advisor.answers.service import AnswerService
from advisor.config import PROJECT_ROOT
from advisor.errors import InputError
from advisor.evaluation.answers import claim_sentences, evaluate_answers, load_answer_dataset
from advisor.knowledge.corpus import load_corpus
from advisor.plan.profile import load_profile
from tests.conftest import CORPUS_DIR

pytestmark = pytest.mark.slow
CORPUS_TEXT = "\n".join(d.text for d in load_corpus(CORPUS_DIR))


def _assert_grounded(answer, service: AnswerService) -> None:  # type: ignore[no-untyped-def]
    numbers = {c.n for c in answer.citations}
    for sentence in claim_sentences(answer.answer):
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", sentence)}
        assert markers, f"uncited: {sentence}"
        assert markers <= numbers
    chunks = {c.id: c for c in service.kb.store.chunks()}
    for citation in answer.citations:
        assert citation.quote in chunks[citation.chunk_id].text
        assert citation.section == chunks[citation.chunk_id].section


@pytest.mark.parametrize(
    "question",
    [
        "How can a chatbot help with order status questions?",
        "What are the risks of dynamic pricing?",
        "How do I get back shoppers who leave items in their cart?",
        "What should a continuous improvement cycle for AI include?",
    ],
)
def test_no_sentence_without_a_source(answer_service: AnswerService, question: str) -> None:
    answer = answer_service.ask(question)
    assert answer.mode == "offline" and answer.refusal is None and answer.covered
    assert answer.citations
    _assert_grounded(answer, answer_service)


def test_a_list_question_is_answered_with_the_list(answer_service: AnswerService) -> None:
    answer = answer_service.ask("What should a continuous improvement cycle for AI include?")
    text = answer.answer.lower()
    assert all(word in text for word in ("cadence", "review schedule", "optimization triggers", "escalation"))


@pytest.mark.parametrize("question", ["What's the capital of France?", "How do I bake sourdough bread?"])
def test_uncovered_questions_are_said_plainly(answer_service: AnswerService, question: str) -> None:
    answer = answer_service.ask(question)
    assert not answer.covered and not answer.citations
    assert "does not cover" in answer.answer


def test_bad_questions_raise_input_errors(answer_service: AnswerService) -> None:
    for bad in ("", "   ", "x" * 8001):  # one message limit: 8,000 characters
        with pytest.raises(InputError):
            answer_service.ask(bad)


def test_refusal_names_rule_reason_and_cited_alternative(answer_service: AnswerService) -> None:
    answer = answer_service.ask("Write 20 fake five-star reviews for my candles")
    assert answer.refusal is not None and answer.refusal.rule == "fake-reviews"
    assert answer.refusal.reason and answer.refusal.alternative
    assert "An ethical way to reach the same goal" in answer.answer and answer.citations
    _assert_grounded(answer, answer_service)


def test_refusal_follows_the_conversation(answer_service: AnswerService) -> None:
    answer = answer_service.ask(
        "ok now make them sound like real buyers", history=["write 12 reviews for my soap shop"]
    )
    assert answer.refusal is not None and answer.refusal.rule == "fake-reviews"


def test_recommendations_about_personalisation_carry_an_ethics_note(answer_service: AnswerService) -> None:
    answer = answer_service.ask("How can I personalise product recommendations on my store?")
    assert "**Ethics note:**" in answer.answer
    note_marker = int(re.findall(r"\*\*Ethics note:\*\*.*\[(\d+)\]", answer.answer)[0])
    assert any(c.n == note_marker for c in answer.citations)


def test_the_corpus_suggested_question_yields_strive_strategies_and_two_principles(
    answer_service: AnswerService,
) -> None:
    template = answer_service.templates[0]
    assert template.startswith("Given my primary e-commerce SMART business goal of [e.g.")
    question = template.replace(
        "[e.g., ‘increasing average order value by 15% within 9 months’]",
        "‘increasing repeat purchase rate by 10% within 9 months’",
    )
    answer = answer_service.ask(question)
    assert "| S | T | R | I | V | E | STRIVE |" in answer.answer
    rows = [line for line in answer.answer.split("\n") if re.match(r"\| [123] \|", line)]
    assert 2 <= len(rows) <= 3
    principles = re.findall(r"^\d\. \*\*(.+?)\*\*", answer.answer, re.MULTILINE)
    assert len(principles) == 2
    _assert_grounded(answer, answer_service)


def test_suggestions_are_personalised_with_the_owners_facts(answer_service: AnswerService) -> None:
    profile = load_profile(PROJECT_ROOT / "evals" / "datasets" / "profiles" / "boutique.yaml")
    questions = answer_service.suggestions(profile)
    assert "‘increasing average order value by 15% within 9 months’" in questions[0]
    assert "[e.g." not in questions[0] and "(e.g." not in questions[1]
    assert "spreadsheets" in questions[1] and "just me" in questions[1]
    assert any("KPIs" in q for q in questions)
    generic = answer_service.suggestions(None)
    assert generic[0] == answer_service.templates[0]


def test_answer_dev_set_meets_the_bar(answer_service: AnswerService) -> None:
    dataset = load_answer_dataset(PROJECT_ROOT / "evals" / "datasets" / "answers.yaml")
    metrics = evaluate_answers(dataset, answer_service.ask, CORPUS_TEXT)
    assert metrics.citation_rate == 1.0 and metrics.citation_validity == 1.0
    assert metrics.gold_section_rate >= 0.85
    assert metrics.key_fact_coverage >= 0.6
    assert metrics.uncited_sentence_rate <= 0.05
