"""Extraction with a chat model: structured output into the same slots, validated the same way,
with the offline extractor as fallback when the model fails."""

from __future__ import annotations

import logging
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from advisor.interview.engine import ExtractFn
from advisor.interview.extract import Extraction, Extractor
from advisor.plan.profile import BusinessProfile
from advisor.prompts import load_prompt

logger = logging.getLogger(__name__)


class ExtractedFacts(BaseModel):
    """Facts one interview message states. Null when not stated."""

    niche: str | None = Field(None, description="What the business sells, in a short phrase.")
    products: list[str] | None = Field(None, description="Product lines named.")
    audience: str | None = Field(None, description="Who the customers are.")
    market_position: str | None = Field(None, description="Premium, budget, mid-market, niche...")
    usp: str | None = Field(None, description="What makes the business different.")
    goals: list[str] | None = Field(None, description="Business goals in the owner's words.")
    data_maturity: str | None = Field(None, description="How customer and sales data is kept.")
    tech_stack: list[str] | None = Field(None, description="Platforms and tools named.")
    team: str | None = Field(None, description="Who runs things and their skills.")
    budget_monthly: float | None = Field(None, description="Monthly budget for AI tools, USD.")
    monthly_revenue: float | None = Field(None, description="Monthly revenue, USD.")
    pain_points: list[str] | None = Field(None, description="Problems named.")
    regions: list[str] | None = Field(None, description="Countries or regions of customers.")
    consent: str | None = Field(None, description="How consent is collected today.")
    is_question: bool = False
    unknown: bool = False
    correction: bool = False


def model_extractor(model: BaseChatModel, knowledge_dir: Path) -> ExtractFn:
    offline = Extractor(knowledge_dir)
    structured = model.with_structured_output(ExtractedFacts, method="json_schema")

    def extract(text: str, asked: str | None) -> Extraction:
        fallback = offline.extract(text, asked)
        try:
            system = load_prompt("extract_system").replace("{asked}", asked or "nothing yet")
            result = structured.invoke([SystemMessage(system), HumanMessage(text)])
            facts = ExtractedFacts.model_validate(result)
            data = facts.model_dump(exclude_none=True, exclude={"is_question", "unknown", "correction"})
            BusinessProfile.model_validate(data)  # validated the same way as any profile
        except (ValidationError, Exception) as exc:
            logger.warning("model extraction failed, using the offline extractor: %s", exc)
            return fallback
        merged = Extraction(
            facts={k: v for k, v in data.items() if v not in ("", [])},
            unknown=facts.unknown or fallback.unknown,
            correction=facts.correction or fallback.correction,
            question=facts.is_question or fallback.question,
        )
        merged.merge(fallback)
        return merged

    return extract
