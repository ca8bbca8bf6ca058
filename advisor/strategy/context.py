"""Everything the engine knows about one business, read once: the normalised profile, its currency,
size, team capacity, consent today and the data sources its stack gives."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.plan.fit import ALWAYS_AVAILABLE, FitRules
from advisor.plan.money import CurrencyRates, Money
from advisor.plan.normalize import Normalized
from advisor.strategy.catalogue import ConsentLevel


@dataclass(frozen=True)
class BusinessFit:
    n: Normalized
    rules: FitRules
    money: Money
    size: str
    size_assumed: bool
    cost_position: float
    has_developer: bool
    max_parallel: int
    effort_factor: float
    consent: ConsentLevel | None
    opt_in: list[str]
    data_kinds: frozenset[str]

    def law_names(self, regulation_ids: list[str]) -> list[str]:
        """How plan text names these regulations ("GDPR", "UK GDPR"), not their ids."""
        short = {r.id: r.short or r.id.upper() for r in self.n.regulations}
        return [short.get(r, r.upper()) for r in regulation_ids]

    @classmethod
    def read(cls, n: Normalized, rules: FitRules, rates: CurrencyRates) -> BusinessFit:
        p = n.profile
        money = Money.for_currency(p.currency, rates)
        revenue_usd = money.to_usd(p.monthly_revenue) if p.monthly_revenue is not None else None
        band, assumed = rules.size(revenue_usd)
        has_dev = rules.has_developer(p.team)
        return cls(
            n=n,
            rules=rules,
            money=money,
            size=band.size,
            size_assumed=assumed,
            cost_position=band.position,
            has_developer=has_dev,
            max_parallel=rules.max_parallel(has_dev),
            effort_factor=rules.capacity.effort_factor[n.team],
            consent=rules.consent_today(p.consent),
            opt_in=rules.opt_in_applies([r.id for r in n.regulations]),
            data_kinds=frozenset(n.tool_kinds | ALWAYS_AVAILABLE),
        )

    @property
    def budget(self) -> float | None:
        """Monthly AI-tool budget in the owner's currency."""
        return self.n.profile.budget_monthly

    @property
    def budget_comparable(self) -> bool:
        return self.budget is not None and self.money.convertible

    def planned_cost(self, cost_usd: tuple[float, float]) -> float:
        """The point of a catalogue cost range a shop this size pays, in the cost currency (unrounded)."""
        low, high = cost_usd
        return self.money.from_usd(low + (high - low) * self.cost_position)

    def needs_consent_step(self, needed: ConsentLevel) -> bool:
        """Whether a scope needing ``needed`` opt-in must wait for the consent step."""
        regimes = self.opt_in or []
        return bool(regimes) and not self.rules.consent_covers(self.consent, needed)
