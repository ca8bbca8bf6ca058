"""The currency of the owner's country (pycountry + babel's CLDR data), for amounts said without one."""

from __future__ import annotations

import pytest

from advisor.parsing.home_currency import home_currency


@pytest.mark.parametrize(
    ("regions", "currency"),
    [
        (["United Kingdom"], "GBP"),
        (["Germany", "France"], "EUR"),
        (["California"], "USD"),
        (["Ontario"], "CAD"),
        (["Kenya"], "KES"),
        (["United States", "Canada"], None),  # two currencies: none assumed
        (["European Union"], None),  # a Polish or Swedish shop sells there too
        (["Worldwide"], None),
        ([], None),
    ],
)
def test_one_currency_for_all_regions_or_none(regions: list[str], currency: str | None) -> None:
    assert home_currency(regions) == currency
