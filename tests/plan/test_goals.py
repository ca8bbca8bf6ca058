from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.plan.goals import SMART_RULE, parse_goal
from advisor.plan.metrics import MetricLexicon
from tests.conftest import CORPUS_DIR

LEXICON = MetricLexicon.load(CORPUS_DIR)


@pytest.mark.parametrize(
    ("text", "metric", "direction", "pct", "months"),
    [
        ("Increase AOV by 15% within 9 months", "aov", "increase", 15, 9),
        ("increase average order value by 15 percent in the next 9 months", "aov", "increase", 15, 9),
        ("We want 25% fewer support tickets in 6 months", "support_efficiency", "decrease", 25, 6),
        ("double online sales in two years", "revenue", "increase", 100, 24),
        ("halve chargebacks within a year", "fraud", "decrease", 50, 12),
        ("lift sales conversion rate by 2 percent in 6 months", "conversion", "increase", 2, 6),
        ("get more people to buy again, like 20% more within a year", "retention", "increase", 20, 12),
        ("grow revenue 20% over 2 quarters", "revenue", "increase", 20, 6),
        (
            "Cut cart abandonment by a third by the end of the year",
            "cart_abandonment",
            "decrease",
            33.3,
            None,
        ),
    ],
)
def test_goal_phrasings(text: str, metric: str, direction: str, pct: float, months: float | None) -> None:
    goal = parse_goal(text, LEXICON)
    assert (goal.metric, goal.direction, goal.target_pct, goal.timeframe_months) == (
        metric,
        direction,
        pct,
        months,
    )


def test_from_to_targets_are_points_and_relative_change() -> None:
    goal = parse_goal("cut cart abandonment from 70% to 55% in 6 months", LEXICON)
    assert (goal.baseline_value, goal.target_value, goal.target_points) == (70, 55, 15)
    assert goal.target_pct == pytest.approx(21.4)
    assert goal.restated() == "Reduce cart abandonment rate from 70% to 55% within 6 months"


def test_compound_goal_reads_the_number_of_its_primary_metric() -> None:
    goal = parse_goal(
        "reduce customer service resolution time by 30% and increase repeat purchase rate by 10% within 9 months",
        LEXICON,
    )
    assert (goal.metric, goal.direction, goal.target_pct) == ("support_efficiency", "decrease", 30)
    assert goal.secondary_metrics == ["retention"]


def test_a_vague_goal_names_what_is_missing_and_asks_one_precise_question() -> None:
    goal = parse_goal("grow sales", LEXICON)
    assert not goal.is_smart
    assert goal.check.measurable is False and goal.check.time_bound is False
    assert goal.follow_up is not None and goal.follow_up.startswith(SMART_RULE)
    assert "By how much" in goal.follow_up


def test_a_goal_without_deadline_gets_the_deadline_question() -> None:
    goal = parse_goal("increase AOV by 15%", LEXICON)
    assert goal.check.missing == ["a deadline (for example 'within 9 months')"]
    assert goal.follow_up and "By when" in goal.follow_up


def test_unknown_metric_and_implausible_target() -> None:
    assert parse_goal("be happier", LEXICON).check.relevant is False
    wild = parse_goal("increase conversion rate by 900% in 2 months", LEXICON)
    assert wild.check.achievable is False and not wild.is_smart


PHRASES = [
    "average order value",
    "conversion rate",
    "repeat purchase rate",
    "revenue",
    "customer lifetime value",
]


@given(
    phrase=st.sampled_from(PHRASES),
    verb=st.sampled_from(["Increase", "Grow", "Boost", "Lift"]),
    pct=st.integers(min_value=1, max_value=300),
    months=st.integers(min_value=1, max_value=36),
    unit=st.sampled_from(["months", "month"]),
)
def test_numbers_round_trip(phrase: str, verb: str, pct: int, months: int, unit: str) -> None:
    goal = parse_goal(f"{verb} {phrase} by {pct}% within {months} {unit}", LEXICON)
    assert goal.target_pct == pct
    assert goal.timeframe_months == months
    assert goal.direction == "increase"
    assert goal.is_smart


@given(st.text(max_size=200))
def test_parsing_never_fails_and_never_invents(text: str) -> None:
    goal = parse_goal(text, LEXICON)
    if goal.target_pct is None and goal.target_value is None:
        assert goal.check.measurable is False
    if goal.timeframe_months is None and goal.deadline_text is None:
        assert goal.check.time_bound is False


def test_churn_goes_down_and_is_not_repeat_purchases() -> None:
    goal = parse_goal("reduce subscription churn from 8% to 5% monthly within 6 months", LEXICON)
    assert goal.metric == "churn" and goal.direction == "decrease"
    assert goal.restated() == "Reduce churn rate from 8% to 5% within 6 months"


@pytest.mark.parametrize(
    ("text", "restated"),
    [
        ("Sign 20 new café accounts in the next 6 months.", "Increase new customers by 20 within 6 months"),
        ("get 500 more email subscribers before christmas", "Increase new customers by 500 before christmas"),
        ("grow to 1,000 subscribers by june", "Increase new customers to 1,000 by june"),
    ],
)
def test_a_count_of_new_customers_is_the_number_to_hit(text: str, restated: str) -> None:
    goal = parse_goal(text, LEXICON)
    assert goal.restated() == restated and goal.is_smart
