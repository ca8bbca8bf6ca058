"""Amounts in the owner's currency: formatting with the currency's symbol, and the approximate
conversion of catalogue tool costs (curated in US dollars) with the dated rates of
``knowledge/currency_rates.yaml``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal, get_currency_symbol
from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated


class CurrencyRates(BaseModel):
    """Approximate exchange rates, with where they come from and when."""

    source: str = Field(description="Where the rates come from.")
    as_of: str = Field(description="Month the rates describe (YYYY-MM).")
    note: str = Field(description="How approximate they are.")
    usd_per_unit: dict[str, float] = Field(description="US dollars per one unit of each currency.")

    @classmethod
    def load(cls, knowledge_dir: Path) -> CurrencyRates:
        return cls.model_validate(load_curated(knowledge_dir, "currency_rates.yaml"))


def nice(amount: float) -> float:
    """Round an estimate the way a budget is written: 7, 15, 45, 120, 1,300, 15,000."""
    if amount <= 0:
        return 0.0
    if amount < 10:
        return float(round(amount))
    if amount < 100:
        return float(round(amount / 5) * 5)
    step = 10 ** (math.floor(math.log10(amount)) - 1)
    return float(round(amount / step) * step)


def nice_up(amount: float) -> float:
    """Like :func:`nice` but never below ``amount`` (an entry price must not be understated)."""
    rounded = nice(amount)
    if rounded >= amount:
        return rounded
    step = 1.0 if amount < 10 else 5.0 if amount < 100 else float(10 ** (math.floor(math.log10(amount)) - 1))
    return float(math.ceil(amount / step) * step)


def nice_down(amount: float) -> float:
    """Like :func:`nice` but never above ``amount`` (an allocation must not exceed the budget)."""
    rounded = nice(amount)
    if rounded <= amount:
        return rounded
    step = 1.0 if amount < 10 else 5.0 if amount < 100 else float(10 ** (math.floor(math.log10(amount)) - 1))
    return float(math.floor(amount / step) * step)


@dataclass(frozen=True)
class Money:
    """One plan's currency: formats amounts and converts catalogue costs from US dollars."""

    currency: str
    usd_per_unit: float | None
    rates_source: str
    rates_as_of: str

    @classmethod
    def for_currency(cls, currency: str, rates: CurrencyRates) -> Money:
        return cls(currency, rates.usd_per_unit.get(currency), rates.source, rates.as_of)

    @classmethod
    def for_plan(cls, currency: str, cost_currency: str) -> Money:
        """A formatter for a built plan's amounts (no conversion needed any more)."""
        return cls(currency, 1.0 if cost_currency == currency else None, "", "")

    @property
    def convertible(self) -> bool:
        """Whether catalogue costs (US dollars) can be shown in this currency."""
        return self.usd_per_unit is not None

    @property
    def cost_currency(self) -> str:
        """The currency tool costs are shown in: the owner's, or US dollars when no rate is known."""
        return self.currency if self.convertible else "USD"

    def from_usd(self, usd: float) -> float:
        """A catalogue cost in the cost currency (unrounded)."""
        return usd / self.usd_per_unit if self.usd_per_unit else usd

    def to_usd(self, amount: float) -> float | None:
        """An amount in the owner's currency in US dollars; None without a rate."""
        return amount * self.usd_per_unit if self.usd_per_unit is not None else None

    @staticmethod
    def _format(amount: float, currency: str) -> str:
        symbol = get_currency_symbol(currency, locale="en")
        number = format_decimal(abs(round(amount)), format="#,##0", locale="en")
        sign = "-" if round(amount) < 0 else ""
        return f"{sign}{symbol} {number}" if symbol[-1:].isalpha() else f"{sign}{symbol}{number}"

    def fmt_usd_here(self, usd: float) -> str:
        """A round US-dollar figure in this currency, kept round ("$100" is "£70", "$2,000" is "MX$38,000":
        one significant digit, two when it starts with 1 or 2); in US dollars when no rate is known."""
        if self.currency == "USD" or not self.convertible:
            return self._format(usd, "USD")
        amount = self.from_usd(usd)
        kept = 2 if str(int(amount))[0] in "12" else 1
        return self.fmt(round(amount, kept - len(str(int(amount)))))

    def fmt(self, amount: float) -> str:
        """An amount in the owner's currency: "€1,200", "CA$450", "CHF 90"."""
        return self._format(amount, self.currency)

    def fmt_cost(self, amount: float) -> str:
        """A (converted) tool cost."""
        return self._format(amount, self.cost_currency)

    def fmt_range(self, low: float, high: float, *, cost: bool = False) -> str:
        show = self.fmt_cost if cost else self.fmt
        return show(low) if round(low) == round(high) else f"{show(low)}–{show(high)}"

    @property
    def per_10k(self) -> str:
        """ "per €10,000" in this currency."""
        return f"per {self.fmt(10_000)}"

    def rate_note(self) -> str | None:
        """How catalogue costs were converted, for the plan's assumptions; None for US dollars."""
        if self.currency == "USD":
            return None
        if not self.convertible:
            return (
                f"No exchange rate for {self.currency} is on file: tool costs stay in US dollars and cannot "
                "be compared with your budget"
            )
        return (
            f"Tool costs are curated in US dollars and shown in {self.currency} at an approximate rate of "
            f"1 {self.currency} ≈ {self.usd_per_unit:g} USD ({self.rates_source}, {self.rates_as_of})"
        )
