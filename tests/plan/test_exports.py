"""The plan as a stakeholder document: components, linked citations by title, no duplicated lines,
escaped user text in every export, amounts in the owner's currency."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from advisor.plan.export import render
from advisor.plan.models import Plan
from advisor.plan.render_markdown import md
from tests.plan.conftest import build

HOSTILE = {
    "name": "<script>alert(1)</script> Mugs & Co",
    "niche": "mugs [click](http://evil.example) ![x](http://evil.example/t.png) **bold** <b>hi</b>",
    "audience": "# heading\n- list item | pipe",
    "goals": ["increase AOV by 10% in 6 months <img src=x onerror=alert(1)>"],
    "pain_points": ["<iframe src=//evil>", "`code` and &amp; entity"],
    "team": "just me lol",
    "budget_monthly": 150,
    "monthly_revenue": 9000,
    "regions": ["UK"],
    "evidence": {"niche": {"quote": "mugs <script>x()</script>", "confidence": 0.95, "confirmed": True}},
}
TITLES = {
    "E-Commerce AI Strategy for SMBs: Fundamentals, Intermediate and Advanced",
    "Emerging AI Trends and an Agile, Adaptive AI Strategy",
    "Developing an Overarching AI-Powered E-commerce Strategy & Ethical Governance",
    "Strategic AI E-commerce Action Plan Framework",
}


@pytest.fixture(scope="module")
def hostile() -> Plan:
    return build(HOSTILE)


def test_markdown_has_the_six_components_and_the_checklist(candles: Plan) -> None:
    text = render(candles, "md")
    for heading in (
        "## 1. Executive summary",
        "## 2. Business context and SMART goals",
        "## 3. AI initiatives and STRIVE analysis",
        "## 4. Personalization and automation strategy mapping",
        "### Roadmap",
        "## 5. Measurement, ROI and continuous improvement",
        "## 6. Ethical considerations and governance",
        "## Self-validation checklist",
        "## Sources",
    ):
        assert heading in text
    assert "| STRIVE criterion | Score | Justification |" in text
    assert text.count("| KPI | Measured with |") == len(candles.business_context.goals)


def test_every_marker_links_to_a_listed_source_and_every_source_is_cited(candles: Plan) -> None:
    text = render(candles, "md")
    body, _, listing = text.partition("## Sources")
    cited = {int(n) for n in re.findall(r"\[\[(\d+)\]\]\(#source-\1\)", body)}
    anchors = [int(n) for n in re.findall(r'<a id="source-(\d+)"></a>', listing)]
    assert cited == set(anchors) == set(range(1, len(candles.sources) + 1))
    assert not re.search(r"\[\d+\](?!\()", body.replace("[[", "").replace("]]", ""))  # no bare markers
    page = render(candles, "html")
    for n in cited:
        assert f'href="#source-{n}"' in page and f'<li id="source-{n}">' in page


def test_sources_are_named_by_document_title_and_section(candles: Plan) -> None:
    listing = render(candles, "md").partition("## Sources")[2]
    assert ".txt" not in listing and not any(ref.chunk_id in listing for ref in candles.sources)
    for ref in candles.sources:
        assert ref.title in TITLES and f"**{md(ref.title)}** › {md(ref.section)}" in listing


def content_lines(markdown: str) -> list[str]:
    """Every line that says something: not headings, table headers or separators, or bold labels."""
    lines = markdown.splitlines()
    headers = {lines[i - 1] for i, line in enumerate(lines) if line.startswith("|---")}
    return [
        line
        for line in lines
        if line.strip()
        and not line.startswith(("#", "|---"))
        and line not in headers
        and not re.fullmatch(r"\*\*[^*]+:\*\*", line)
    ]


def test_no_line_of_content_is_repeated(candles: Plan, hostile: Plan) -> None:
    for plan in (candles, hostile):
        lines = content_lines(render(plan, "md"))
        assert len(lines) > 100
        repeated = [line for line, n in Counter(lines).items() if n > 1]
        assert not repeated, repeated


def test_user_text_is_escaped_in_markdown(hostile: Plan) -> None:
    text = render(hostile, "md")
    for raw in ("<script>", "<b>", "<img", "<iframe", "](http://evil", "![x]", "**bold**"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), text), raw  # only backslash-escaped forms remain
    assert "\\<script\\>alert(1)\\</script\\>" in text and "\\[click\\](http://evil.example)" in text
    assert "&amp;amp; entity" in text  # an entity the owner typed stays literal text
    assert re.search(r"^- \*\*Target audience:\*\* \\# heading - list item \\\| pipe$", text, re.M)


def test_user_text_is_escaped_in_html(hostile: Plan) -> None:
    page = render(hostile, "html")
    body = page.split("<body>", 1)[1]
    assert not re.search(r"<(script|img|iframe|b)\b", body)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mugs &amp; Co" in body
    assert 'href="http' not in body and "<strong>bold</strong>" not in body
    assert "http" not in page.split("<body>")[0]  # no external assets
    assert page.startswith("<!doctype html>") and 'name="viewport"' in page


def test_json_round_trips_and_has_no_sentinel_figures(candles: Plan) -> None:
    data = json.loads(render(candles, "json"))
    assert Plan.model_validate(data) == candles
    figures = [
        v
        for r in data["measurement"]["roi"]
        for v in json.dumps(r).replace("{", " ").replace("}", " ").replace(",", " ").split()
        if re.fullmatch(r"-?\d+(\.\d+)?", v)
    ]
    assert figures and not {"999", "999.0", "99.0", "-999.0"} & set(figures)


def test_title_and_summary_use_normalised_facts_not_the_owners_words(hostile: Plan) -> None:
    summary = hostile.executive_summary.text
    for raw in ("lol", "iframe", "`code`"):
        assert raw not in summary and raw not in hostile.title
    assert "just me lol" not in render(hostile, "md").split("## 2.")[0]


def test_amounts_are_in_the_owners_currency() -> None:
    for currency, symbol in (("EUR", "€"), ("GBP", "£"), ("CAD", "CA$"), ("AUD", "A$")):
        plan = build(
            {
                "niche": "tea",
                "currency": currency,
                "goals": ["increase repeat purchase rate by 10% within 9 months"],
                "budget_monthly": 300,
                "monthly_revenue": 20000,
                "tech_stack": ["Shopify", "Klaviyo"],
            }
        )
        text = render(plan, "md")
        assert plan.currency == plan.cost_currency == currency
        assert f"{symbol}300 a month" in text and f"{symbol}20,000" in text
        assert not re.search(r"(?<![A-Z])\$\d", text.replace("CA$", "").replace("A$", "")), currency
        assert "approximate rate" in text and "2025" in text
