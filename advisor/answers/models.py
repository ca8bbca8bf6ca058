"""The answer contract shared by the library, the CLI and the API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Citation(BaseModel):
    """A numbered source behind the ``[n]`` markers of an answer."""

    n: int = Field(ge=1, description="The marker number used in the answer text.")
    chunk_id: str = Field(description="Chunk id in the index.")
    source: str = Field(description="Corpus file name.")
    section: str = Field(description="Section path of the passage.")
    quote: str = Field(description="Exact passage text from the chunk that supports the marked claim.")


class Refusal(BaseModel):
    """Why a request was refused, and the ethical way to the same goal."""

    rule: str = Field(description="Id of the guardrail rule (knowledge/guardrails.yaml).")
    title: str = Field(description="Readable name of the rule.")
    reason: str = Field(description="Why, in one or two sentences.")
    alternative: str = Field(description="An ethical way to reach the same goal.")


class Answer(BaseModel):
    """An answer: Markdown with [n] markers, the citations behind them, or a refusal."""

    answer: str = Field(description="Markdown; every claim carries an [n] marker.")
    citations: list[Citation] = Field(default_factory=list)
    refusal: Refusal | None = None
    mode: Literal["offline", "llm"] = Field(description="'llm' when a chat model worded the answer.")
    suggested_questions: list[str] = Field(default_factory=list)
    notice: str | None = Field(
        None, description="E.g. that the model failed and the offline engine answered."
    )
    covered: bool = Field(True, description="False when the knowledge base does not cover the question.")
