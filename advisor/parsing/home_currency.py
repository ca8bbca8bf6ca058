"""The currency of the owner's country, for amounts said without one.

A UK owner who says "200 a month" means pounds: when every region the owner named uses one currency,
that currency is shown until the owner names one. Countries are looked up in pycountry and their legal
tender in babel's CLDR territory data. Several currencies, "Worldwide", "European Union" (a Polish or
Swedish shop sells there too) or an unknown place give ``None``: the advisor keeps its default.
"""

from __future__ import annotations

from functools import cache

import pycountry
from babel.numbers import get_territory_currencies


@cache
def _country_currency(name: str) -> str | None:
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        try:  # a US state or Canadian province: its country's currency
            subdivision = pycountry.subdivisions.lookup(name)
        except LookupError:
            return None
        code = str(subdivision.country_code)
    else:
        code = str(country.alpha_2)
    tender = get_territory_currencies(code, tender=True, non_tender=False)
    return tender[0] if tender else None


def home_currency(regions: list[str]) -> str | None:
    """The one currency used in all ``regions``, or None when they differ or are unknown."""
    found = {_country_currency(region) for region in regions}
    if len(found) != 1:
        return None
    return found.pop()
