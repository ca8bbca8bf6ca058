"""The business profile: what an owner (or a consultant's YAML/JSON file) says about the business."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from advisor.errors import InputError, NotFoundError
from advisor.parsing.money import CurrencyTable, find_money

MAX_PROFILE_BYTES = 256_000
MONEY_ALIASES = {
    "budget_monthly": ("budget_monthly", "budget_monthly_usd", "budget", "monthly_budget"),
    "monthly_revenue": ("monthly_revenue", "monthly_revenue_usd", "revenue"),
}


def _as_list(value: Any) -> Any:
    """Accept "a, b; c" or a single string where a list is expected."""
    if value is None:
        return []
    if isinstance(value, str):
        parts = (
            [p.strip() for p in value.replace(";", ",").split(",")]
            if "\n" not in value
            else value.splitlines()
        )
        return [p.strip(" -•*") for p in parts if p.strip(" -•*")]
    return value


class FactEvidence(BaseModel):
    """Where one profile fact came from: the owner's own words, kept out of the plan's prose."""

    quote: str = Field(description="The span of the owner's message the fact was read from, verbatim.")
    confidence: float = Field(ge=0, le=1, description="How sure the understanding layer is (0-1).")
    confirmed: bool = Field(False, description="The owner confirmed it (summary 'yes' or a correction).")
    asked: bool = Field(False, description="Said in answer to its own question, not in passing.")
    source: str = Field("rules", description="'rules' (offline understanding), 'model' or 'file'.")


class BusinessProfile(BaseModel):
    """Facts about one e-commerce business. Every field is optional: unknowns become stated assumptions."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)

    name: str | None = Field(
        None, description="Business name.", validation_alias=AliasChoices("name", "business_name", "business")
    )
    niche: str | None = Field(
        None, description="What the business sells, in a phrase (e.g. 'hand-poured soy candles')."
    )
    products: list[str] = Field(default_factory=list, description="Main product lines.")
    audience: str | None = Field(
        None,
        description="Key customer segments.",
        validation_alias=AliasChoices("audience", "target_audience", "customers"),
    )
    market_position: str | None = Field(
        None, description="Competitive position (e.g. 'premium niche brand')."
    )
    usp: str | None = Field(
        None,
        description="Unique selling proposition.",
        validation_alias=AliasChoices("usp", "unique_selling_proposition"),
    )
    goals: list[str] = Field(
        default_factory=list, description="Business goals in the owner's words (SMART parsing follows)."
    )
    kpis: list[str] = Field(default_factory=list, description="KPIs the owner already tracks.")
    data_maturity: str | int | None = Field(
        None, description="Level 1-4 or a description ('spreadsheets, no CRM')."
    )
    tech_stack: list[str] = Field(
        default_factory=list,
        description="Platform and tools (e.g. Shopify, Klaviyo).",
        validation_alias=AliasChoices("tech_stack", "stack", "tools"),
    )
    team: str | None = Field(None, description="Who works on the business and their skills.")
    currency: str = Field(
        "USD",
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code of the owner's currency; budget and revenue are in it (e.g. EUR).",
    )
    budget_monthly: float | None = Field(
        None,
        ge=0,
        description="Monthly budget for AI tools, in `currency`.",
        validation_alias=AliasChoices(*MONEY_ALIASES["budget_monthly"]),
    )
    monthly_revenue: float | None = Field(
        None,
        ge=0,
        description="Monthly online revenue, in `currency` (used for ROI ranges).",
        validation_alias=AliasChoices(*MONEY_ALIASES["monthly_revenue"]),
    )
    pain_points: list[str] = Field(
        default_factory=list,
        description="What hurts today.",
        validation_alias=AliasChoices("pain_points", "pains", "challenges"),
    )
    regions: list[str] = Field(
        default_factory=list,
        description="Where customers are (drives GDPR/CCPA/PIPEDA).",
        validation_alias=AliasChoices("regions", "markets", "countries"),
    )
    consent: str | None = Field(
        None, description="How customer consent for marketing and personalisation is collected today."
    )

    @field_validator("products", "goals", "kpis", "tech_stack", "pain_points", "regions", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return _as_list(value)

    evidence: dict[str, FactEvidence] = Field(
        default_factory=dict,
        description="Per field: the owner's words it came from, how sure the advisor is, whether confirmed. "
        "Empty for profiles written as files (their facts count as stated and confirmed).",
    )

    @model_validator(mode="before")
    @classmethod
    def _money(cls, data: Any) -> Any:
        """Amounts written as text ("€800/month", "10k a year") → a monthly number, and their currency."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for names in (MONEY_ALIASES["budget_monthly"], MONEY_ALIASES["monthly_revenue"]):
            for name in names:
                value = data.get(name)
                if not isinstance(value, str):
                    continue
                if not value.strip():
                    data[name] = None
                    continue
                found = find_money(value, CurrencyTable.shipped(), bare=True)
                if not found:
                    raise ValueError(
                        f"{name}: not an amount of money: {value!r} (use a number like 800 or '€800/month')"
                    )
                data[name] = found[0].monthly
                if found[0].currency and "currency" not in data:
                    data["currency"] = found[0].currency
        return data

    @field_validator("data_maturity", mode="before")
    @classmethod
    def _maturity(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("give a level 1-4 or a description")
        if isinstance(value, int) and not 1 <= value <= 4:
            raise ValueError("level must be between 1 and 4")
        if isinstance(value, float):
            return int(value)
        return value

    @property
    def unknown_fields(self) -> list[str]:
        """Keys of the input that are not profile fields (kept, but unused)."""
        return sorted(self.model_extra or {})


def _field_errors(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "profile"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def parse_profile(data: Any, *, origin: str = "profile") -> BusinessProfile:
    """Validate a mapping into a profile; errors name the field."""
    if not isinstance(data, dict):
        raise InputError(
            f"{origin} must be a mapping of fields (niche, goals, ...), got {type(data).__name__}"
        )
    try:
        return BusinessProfile.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{origin} is invalid: {_field_errors(exc)}") from exc


def load_profile(path: Path) -> BusinessProfile:
    """Read a YAML or JSON profile file with clear errors for missing, binary, huge or malformed input."""
    if not path.exists():
        raise NotFoundError(f"profile file not found: {path}")
    if path.is_dir():
        raise InputError(f"profile path is a directory: {path}")
    raw = path.read_bytes()
    if len(raw) > MAX_PROFILE_BYTES:
        raise InputError(f"profile file is too large ({len(raw)} bytes; at most {MAX_PROFILE_BYTES})")
    if b"\x00" in raw:
        raise InputError(f"profile file looks binary, expected YAML or JSON: {path}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"profile file is not UTF-8 text: {path}") from exc
    if not text.strip():
        raise InputError(f"profile file is empty: {path}")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(
            f"profile file {path} is not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {exc}"
        ) from exc
    return parse_profile(data, origin=f"profile {path.name}")
