"""What the owner sells: the niche as a noun phrase and the products listed.

"we do hand-dyed yarn and knitting kits" → "hand-dyed yarn and knitting kits"; found anywhere in a
story ("I started on my kitchen table making hot sauce ... now we sell hot sauce and chilli jams"); the
kind of shop ("we're a board game shop from poland", "a wholesaler of packaging", "a reptile supply
store online: kits, lighting" — the list after the colon is the products); never a channel ("we sell on
our website and Instagram") nor a story about people ("my friend told me about this").
"""

from __future__ import annotations

import re

from advisor.knowledge.lexicons import ToolCatalogue
from advisor.parsing.money import CurrencyTable, find_money
from advisor.parsing.places import Gazetteer
from advisor.understanding.lexicons import Cues
from advisor.understanding.text import clean_phrase, strip_tail

_SELL_LEAD = re.compile(
    r"^(?:(?:we|i|they)(?:'re| are|'m| am)? (?:(?:mainly|mostly|primarily|currently|also|just|basically|only) )?"
    r"(?:sell(?:ing)?|make|making|do|doing|offer|run|have|own|operate|create|design|produce|import|retail|stock|"
    r"carry|deal in|speciali[sz]e in|handmake|craft|print|bake|roast|brew|grow|source|resell|teach|teaching)\b"
    r"|(?:our|my) (?:shop|store|brand|business|company|site|webshop)(?: is)? (?:sells?|offers?|is|makes?|does)\b"
    r"|(?:(?:and|so|but)\s+)?(?:our |my |the )?products? (?:are|is)(?: just| only| mainly| mostly)?\b"
    r"|(?:we'?re|we are|i'?m|i am|it'?s|its|this is)\b(?: just)?|selling\b|sell\b)\s*",
    re.IGNORECASE,
)
_SELLING_LEAD = re.compile(r"\b(?:do|doing|sell|selling|offer|stock|carry|retail|deal in)\b", re.IGNORECASE)
_SHOP_OF = re.compile(
    r"^(?:[^.,:;]{0,40}?\b(?:shop|store|business|brand|site|webshop)\s+(?:selling|that sells|for|of|with)\s+)",
    re.I,
)
_CHANNEL_TAIL = re.compile(
    r"\s+(?:on|through|via|using|from|at|in|over)\s+(?:our own |my own |our |my |a |an |the )?"
    r"(?:\w+\s+)?(?:store|shop|website|site|webshop|platform|shopify|woo\w*|etsy|amazon|bigcommerce|wix|squarespace|"
    r"magento|ebay|instagram|tiktok|facebook|markets?|fairs?|online|shopware|prestashop|lightspeed|jimdo|ecwid|webflow|"
    r"tiendanube|nuvemshop|opencart|big ?cartel|gumroad|folksy|bol(?:\.com)?|zalando|vinted|depop|allegro|"
    r"mercado ?libre|rakuten|otto|kaufland|cdiscount|shopee|lazada|flipkart|noon|faire|ankorstore|trade portal)\b.*$"
    r"|\s+with (?:an?|our|my) (?:own )?(?:online |web ?)?(?:shop|store|webshop|website|site)\b.*$",
    re.IGNORECASE,
)
# "we sell X", "I started ... making X", "we run a subscription box for X", "my family company make X":
# what is sold, anywhere
_WHAT_SOLD = re.compile(
    r"\b(?:we|i|(?:my|our)\s+(?:[\w-]+\s+)?(?:company|business|shop|store|brand|factory|workshop|studio))\b"
    r"[^.;!?\n]{0,60}?\b(?P<verb>sell(?:ing)?|make|making|produce|producing|bake|baking|roast|roasting|craft|"
    r"crafting|design|designing|print|printing|import|importing|stock|offer|resell|reselling|handmake|paint|painting|"
    r"weave|weaving|brew|brewing|grow|growing|run|running|teach|teaching)\b\s+"
    r"(?P<what>(?:(?!\b(?:now|then|today|these days)\s+(?:we|i)\b)[^.;!?\n]){3,160})",
    re.IGNORECASE,
)
# "sell" in the owners' other languages: "Hoje a gente vende supplements", "on vend de l'argan oil"
_WHAT_SOLD_ABROAD = re.compile(
    r"\b(?P<verb>vendemos|vende|vendo|vendons|vend|vendiamo|vendono|verkaufen|verkaufe|verkopen|verkoop|sprzedajemy|"
    r"sprzedaję|säljer|sælger|selger|prodáváme|prodavame|prodávám|menjual|jualan|jual|nagbebenta|nagtitinda|satıyoruz)\b\s+"
    r"(?:(?:de|des|du|d'|la|le|les|o|os|a|as|um|uma|uns|umas|el|los|las|unos|unas|un|une)\s+|d'|l')*"
    r"(?P<what>[^.;!?\n]{3,160})",
    re.IGNORECASE,
)
_WHAT_TAIL = re.compile(
    r"\s+(?:online|only|mostly|mainly|now|since|because|and (?:sell|ship|deliver|send|post)\w*|which|that we)\b.*$"
    r"|,\s*(?:only|mostly|mainly|all|and|plus|but)\b.*$|,\s*(?:[\w-]+\s+)?(?:business|company|shop|store|brand)\b.*$|\s+(?:for|to)\s+(?:friends|fun|family|years|a living|her|his)\b.*$"
    r"|\s+(?:in|near|from|out of|at|on)\s+(?:a |an |our |my |the )?(?:small |little |tiny |own |family |mom'?s |mum'?s )?"
    r"(?:workshop|studio|unit|garage|kitchen(?: table)?|table|lab|warehouse|town|village|city|home|house|basement|shed)\b.*$"
    r"|\s+[–—-]\s+.*$|\s+by hand\b.*$|\s+(?:via|through)\s+.*$|\s+on\s+(?-i:[A-Z]{3,})\b.*$"
    # a run-on's next statement: "baby products like diapers wipes ... we have a Shopify website"
    r"|\s+(?:we|i)\s+(?:have|has|use|are|also|ship|deliver|do|got|run|started)\b.*$",
    re.IGNORECASE,
)
_FROM_PLACE = re.compile(r"\s+(?:from|in|near|out of)\s+([A-Za-zÀ-ÿ][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\b.*$")
_LISTED_AFTER = re.compile(
    r"^[^:]{0,80}:\s*([^.;!?\n]{3,160})"  # "a gifting company: hampers and merch boxes"
    r"|^[^–—()]{0,80}?\s(?:–|—|-)\s([^.;!?\n]{3,160})"  # "furniture out of reclaimed wood – tables, benches"
    r"|\(([^()]{3,120})\)"  # "canned fish (sardines, tuna, octopus)"
)


def _first(match: re.Match[str]) -> str:
    """The list a _LISTED_AFTER match found (after a colon, a dash, or in brackets)."""
    return next(g for g in match.groups() if g)


_ITEM_TAIL = re.compile(r"\s+(?:which|that|who|in our|from our|made|for|we)\b.*$", re.IGNORECASE)
_LOTS_OF = re.compile(
    r"^(?:loads|lots|plenty|tons|a lot|a few|some|all kinds|all sorts) of\s+", re.IGNORECASE
)
_KIND_OF_SHOP = re.compile(
    r"^\s*(?:a|an|our|my|the)\s+(?:(?P<what>(?:[\w'&-]+\s+){0,4}?[\w'&-]+)\s+"
    r"(?P<shop>business|shop|store|company|brand|boutique|label|webshop|e-?shop|studio|bakery|roastery|brewery)\b"
    r"|(?:[\w-]+\s+)?(?:wholesaler|supplier|retailer|distributor|importer|maker|producer|seller)s?\s+of\s+"
    r"(?P<of>(?:[\w'&-]+\s+){0,3}?[\w'&-]+)(?=\s+(?:for|to|from|in|based)\b|\s*[:,(]|\s*$))",
    re.IGNORECASE,
)
# "a second hand shop for kids clothes": what follows the shop word is what is sold
_SOLD_FOLLOWS = re.compile(r"\s*(?:for|with|selling|that sells|which sells|of|offering|\()", re.IGNORECASE)
_BUSINESS_MODEL = re.compile(
    r"^(?:dropshipping|drop-?ship|print[- ]on[- ]demand|pod|second[- ]hand|secondhand|resale|subscription|b2b|b2c|"
    r"wholesale|retail|marketplace|e-?commerce|online)$",
    re.IGNORECASE,
)
_IS_A_SHOP = re.compile(
    r"\b(?:we'?re|we are|i'?m|i am|it'?s|this is|(?P<has>(?:i|we) (?:have|own|run|got)))\s+"
    r"(?P<what>(?:a|an|my|our)\s+[^.;!?\n]{3,120}|(?:small|little|tiny)\s+(?:online\s+)?(?:shop|store|business)\b[^.;!?\n]{3,120})",
    re.IGNORECASE,
)
_SHOP_WORD_IN = re.compile(r"\b(?:shop|store|business|brand|boutique|company|label|webshop|e-?shop)\b", re.I)
_NOT_A_PRODUCT = re.compile(
    r"^\s*(?:(?:only|mostly|mainly|just|also|both)\s+)?(?:on|through|via|at|from|in|to|online|them|it|these|those|"
    r"stuff|things|everything|direct|directly|wholesale|retail)\b",
    re.IGNORECASE,
)
# a second verb joined to the first: "make and sell", "design & print"
_AND_VERB = re.compile(
    r"^(?:and|&|\+|or|n)\s+(?:also\s+)?(?:sell|make|design|print|ship|bake|roast|craft|produce|import|resell|deliver|"
    r"distribute|paint|sew|knit|brew|grow|pack|source)\w*\s+",
    re.IGNORECASE,
)
_SHOP_WORD = re.compile(r"^(?:shop|store|stores|brand|business|company|site|website|webshop|boutique)$", re.I)
# where the business is, not what it sells: "coffee roaster based in Dublin", "candle shop from berlin"
_LOCATION_TAIL = re.compile(
    r"\s*,?\s+(?:(?:based|located|headquartered|operating|situated)\s+(?:in|out of|near)|out of|here in)\s+.*$",
    re.IGNORECASE,
)
_MAKER_PLACE_TAIL = re.compile(
    r"\b(shop|store|roaster|roastery|maker|makers|bakery|brand|business|company|studio|boutique|"
    r"workshop|atelier|brewery|label|seller|retailer|distillery|winery)(\s*\([^()]{1,40}\))?\s+(?:from|in)\s+[\w'’.-]+(?:\s+[\w'’.-]+)?$",
    re.IGNORECASE,
)
# a second clause about the business, not the products: "hot sauces and run a sauce-of-the-month club"
_SECOND_VERB = re.compile(
    r"\s*(?:,|\band\b|\bbut\b)\s+(?:we\s+|i\s+)?(?:also\s+)?(?:run|have|has|do|does|ship|are|is|use|own|started|host|"
    r"operate|work|just|recently)\b.*$",
    re.IGNORECASE,
)
_DANGLING_VERB = re.compile(
    r"(?:,\s*|\s+)(?:selling|sold|sells|sell|which we sell|that we sell)$", re.IGNORECASE
)
# who it is sold to: people nouns, or a noun of people by its ending ("foodies", "runners", "dentists")
AUDIENCE_TAIL = re.compile(
    r"\s+(?:to|for|aimed at)\s+(?:\w+\s+){0,3}(?:people|customers|owners|parents|buyers|women|men|kids|families|businesses|fans|lovers|collectors|"
    r"caf[eé]s|restaurants|offices|shops|retailers|stores|salons|gyms|hotels|schools|clinics|trade|wholesalers|"
    r"moms|mums|dads|teens|brides|couples|seniors|children|babies|toddlers|millennials|folks|guys|girls|"
    r"boys|ladies|gents|[a-z]+(?:ers|ists|ians|ies|ees|ents|ors))\b.*$",
    re.I,
)
NICHE_WORDS = 6
# a phrase read as what is sold without a selling verb must not be a story about how the owner got here
_NOT_A_THING = re.compile(
    r"\b(?:told|tells?|said|says|heard|recommended|excited|about this|found (?:you|this)|tried (?:that|it|this|chat ?gpt)|"
    r"made (?:stuff|things|it) up|planning to|plans? to|hoping to|going to|"
    r"this (?:app|tool|thing|chat|advisor))\b",
    re.IGNORECASE,
)
_CHANNEL_WORDS = re.compile(
    r"\b(?:website|site|web|page|account|dms?|direct messages|marketplaces?|namin|natin|namen|nuestra|nosso|"
    r"instagram|insta|ig|facebook|fb|tiktok|whatsapp|shopee|lazada|tokopedia|mercado ?libre|allegro|bol(?:\.com)?|"
    r"vinted|depop|poshmark|markets?|fairs?|"
    r"and|plus|also|both|mostly|mainly|only|own|on|via|through|sell|sells|selling|some|few|lots?|bit|too|"
    r"use|uses|using|store|shop|online|showroom|stall|market stall|pop-?up|warehouse|physical|brick and mortar|"
    r"in|at|with)\b",
    re.IGNORECASE,
)


class WhatIsSold:
    """Reads what is sold from a clause, over the curated cues, places, tools and currencies."""

    def __init__(
        self, cues: Cues, places: Gazetteer, tools: ToolCatalogue, currencies: CurrencyTable
    ) -> None:
        self.cues = cues
        self.places = places
        self.tools = tools
        self.currencies = currencies
        # "... on coupang and a small shopify store": where it is sold, from the whole catalogue of shops
        channels = "|".join(
            p for t in tools.tools if t.kind in ("marketplace", "platform") for p in t.patterns
        )
        self.channel_tail = re.compile(
            r"\s+(?:on|through|via|using|from|at|in|over)\s+(?:our own |my own |our |my |a |an |the )?"
            rf"(?:\w+\s+)?(?:{channels})\b.*$",
            re.IGNORECASE,
        )

    # --- readers ---------------------------------------------------------------------------
    def what_is_sold(self, text: str) -> str | None:
        """What the owner says they sell or make, wherever it sits in a story ("I started on my kitchen
        table making hot sauce ... now we sell hot sauce and chilli jams"; "I run a dropshipping store:
        dog harnesses and leashes"). A "sell" wins over other verbs, and a later mention over an earlier."""
        found: list[tuple[bool, str, int]] = []  # (a selling verb, what, where it is said)
        for match in _WHAT_SOLD.finditer(text):
            inner = (
                _WHAT_SOLD.search(match.group("what"))
                if match.group("verb").lower().startswith("run")
                else None
            )
            if inner is not None:  # "I run Pine & Pour, we sell soy candles": the verb within says what
                match = inner
            what = self._clean_what(match.group("what"))
            if what is not None and not self._generic(what):
                found.append(
                    (match.group("verb").lower().startswith(("sell", "resell")), what, match.start())
                )
                continue
            listed = _LISTED_AFTER.search(match.group("what"))  # "a dropshipping store from Tel Aviv: ..."
            what = self._clean_what(listed.group(1)) if listed and listed.group(1) else None
            if what is not None and not self._generic(what):
                found.append((True, what, match.start()))
        for match in _WHAT_SOLD_ABROAD.finditer(text):  # "eu vendo miniaturas... sorry, english: I sell ..."
            what = self._clean_what(match.group("what"))
            if what is not None and not self._generic(what):
                found.append((True, what, match.start()))
        for match in _IS_A_SHOP.finditer(text):  # "we're a board game shop from poland (...)"
            if match.group("has") and not _SHOP_WORD_IN.search(match.group("what")[:60]):
                continue  # "now we have a small unit outside Cork" is a place, not a shop
            what = self._clean_what(match.group("what"))
            if what is not None and not self._generic(what):
                found.append((True, what, -1))  # the kind of shop gives way to what is said to be sold
        if not found:
            return None
        found.sort(key=lambda item: item[2])
        selling = [w for sells, w, _ in found if sells]
        return (selling or [w for _, w, _ in found])[-1]

    def _clean_what(self, what: str) -> str | None:
        what = _AND_VERB.sub("", what)  # "I make and sell candles"
        if _NOT_A_PRODUCT.match(what):
            return None  # "sell on Etsy", "sell them", "sell mostly to cafés"
        kind = _KIND_OF_SHOP.match(what)
        if kind and not (kind.group("what") and _SOLD_FOLLOWS.match(what[kind.end() :])):
            # "run a small wedding stationery business from my kitchen table - invitations, ...", "a
            # reptile supply store online: kits, lighting" (the list is the products), "a wholesaler of packaging"
            kind_what = kind.group("what") or kind.group("of")
            words = [w for w in kind_what.split() if not self.cues.generic_re.match(w)]
            if not words and (kind.group("shop") or "").lower() in ("bakery", "roastery", "brewery"):
                return str(kind.group("shop"))  # "a tiny family bakery": the shop word is what it is
            if not words or all(_BUSINESS_MODEL.match(w) for w in words):
                listed = _LISTED_AFTER.search(what)  # "a dropshipping store from Tel Aviv: dog harnesses"
                return self._clean_what(listed.group(1)) if listed and listed.group(1) else None
            content = len(words)
            what = kind_what
            words = what.split()
            if content == 1 and kind.group("shop"):
                what = f"{what} {kind.group('shop')}"  # "a candle shop": the shop word names the kind
            # "a Singapore corporate gifting company", "a New Zealand wool brand": where it is, then what it is
            if len(words) > 1 and self.places.find(words[0]):
                what = " ".join(words[1:])
            elif len(words) > 2 and self.places.find(" ".join(words[:2])):
                what = " ".join(words[2:])
        # "huaraches (leather sandals)": a one-word name keeps what it is; otherwise the aside goes
        what = re.sub(r"\s*\([^()]{0,60}\)", "", what) if len(what.split("(")[0].split()) > 1 else what
        for tail in (
            _CHANNEL_TAIL,
            self.channel_tail,
            AUDIENCE_TAIL,
            _LOCATION_TAIL,
            _WHAT_TAIL,
            _DANGLING_VERB,
        ):
            what = strip_tail(what, tail)
        place = _FROM_PLACE.search(what)
        if place and self.places.find(place.group(1)):
            what = what[: place.start()]  # "wigs and closures from lagos"
        what = clean_phrase(
            re.sub(r"^(?:a|an|the|some|all kinds of|all sorts of|lots of)\s+", "", what, flags=re.I)
        )
        if len(what.split()) > 14 and "," in what:
            what = what.split(",", 1)[
                0
            ]  # "ring slings and baby carriers, handwoven from inabel fabric, my ..."
        if not what or len(what.split()) > 14 or find_money(what, self.currencies):
            return None
        if self._only_channels(what):
            return None  # "we sell sa website namin and Instagram": where, not what
        return what

    def _only_channels(self, phrase: str) -> bool:
        """Nothing but the places a shop sells through: its tools, its site, filler words."""
        rest = self.tools.without(phrase)
        words = [
            w
            for w in re.findall(r"[\w'-]{3,}", _CHANNEL_WORDS.sub(" ", rest))
            if not self.cues.generic_re.match(w) and not self.places.find(w)  # "a showroom in Geelong"
        ]
        return not words

    def _generic(self, phrase: str) -> bool:
        return not [w for w in re.findall(r"[\w'-]+", phrase) if not self.cues.generic_re.match(w)] or bool(
            _SHOP_WORD.search(phrase.split()[-1])
        )

    def niche(self, text: str, phrase: str) -> tuple[str, list[str]] | None:
        """(niche, products) of a clause read as what is sold, ``phrase`` being the clause without its
        lead-in fillers; None when it names nothing sold."""
        sold = self.what_is_sold(text)
        lead = _SELL_LEAD.match(phrase)
        if sold and lead and _SELLING_LEAD.search(lead.group(0)):
            rest = phrase[lead.end() :]
            if re.search(rf"\b[a-z-]+ing\s+{re.escape(sold)}$", rest, re.IGNORECASE):
                sold = rest  # "We do gluten-free baking mixes": the gerund says which mixes
        phrase = sold or phrase
        if sold is None and phrase.count("=") == 1 and phrase.split("=")[1].strip():
            phrase = phrase.split("=")[1]  # "sklep z grami planszowymi = board games shop": the owner's gloss
        phrase = _SHOP_OF.sub("", phrase)
        phrase = _SELL_LEAD.sub("", phrase)
        phrase = strip_tail(strip_tail(phrase, _CHANNEL_TAIL), self.channel_tail)
        phrase = strip_tail(phrase, AUDIENCE_TAIL)
        phrase = strip_tail(strip_tail(strip_tail(phrase, _LOCATION_TAIL), _DANGLING_VERB), _SECOND_VERB)
        phrase = _MAKER_PLACE_TAIL.sub(lambda m: m.group(1) + (m.group(2) or ""), phrase)
        phrase = clean_phrase(
            re.sub(r"^(?:a|an|the|some|all kinds of|all sorts of|lots of)\s+", "", phrase, flags=re.I)
        )
        content = [w for w in re.findall(r"[\w'-]+", phrase) if not self.cues.generic_re.match(w)]
        listed_whole = phrase
        if len(phrase.split()) > 12 and "," in phrase:
            phrase = phrase.split(",", 1)[
                0
            ]  # "cycling jerseys and bib shorts, also custom kits for clubs with ..."
        if sold is None and (_NOT_A_THING.search(phrase) or self._only_channels(phrase)):
            return None  # "my friend from the babywearing group told me about this": a story
        if (
            phrase
            and content
            and not _NOT_A_PRODUCT.match(phrase)
            and len(phrase.split()) <= 12
            and not find_money(phrase, self.currencies)
        ):
            niche = _trim_generic(phrase, self.cues).strip(" ,;:-–—")
            example = _KIND_LIKE.match(niche)  # "baby products like diapers, wipes and feeding bottles"
            items = [
                clean_phrase(p)
                for p in re.split(
                    r",\s*|\s+and\s+|\s+plus\s+|\s*&\s*|\s*\+\s*|\s*/\s*",
                    example.group("items") if example else niche,
                )
            ]
            niche = example.group("kind") if example else niche
            items = [
                re.sub(r"^(?:a|an|the|some|other|our own|our|a couple of|\d+)\s+", "", i, flags=re.I)
                for i in items
                if i and not self.cues.generic_re.match(i)
            ]
            listed = _LISTED_AFTER.search(text) if len(items) < 2 else None
            if listed:  # "a gifting company: gift hampers and branded merch boxes" lists the products
                after = self._clean_what(_first(listed)) or ""
                more = [
                    clean_phrase(_LOTS_OF.sub("", _ITEM_TAIL.sub("", i)))
                    for i in re.split(r",\s*|\s+and\s+|\s*&\s*|\s*\+\s*", after)
                    if i.strip()
                ]
                if len(more) >= 2 and not any(re.search(r"\d", i) for i in more):
                    items = more
            if len(items) < 2 and phrase != listed_whole:  # "mugs, plates and serving bowls in our taller"
                whole = [
                    clean_phrase(_ITEM_TAIL.sub("", i))
                    for i in re.split(r",\s*|\s+and\s+", listed_whole)
                    if i.strip()
                ]
                if 2 <= len(whole) <= 6 and all(0 < len(i.split()) <= 5 for i in whole):
                    items = whole
            if len(niche.split()) > NICHE_WORDS and len(items) >= 2 and len(items[0].split()) >= 2:
                niche = items[0]  # the plan names the shop by its first product; the list stays as products
            return niche, items
        return None


_KIND_LIKE = re.compile(
    r"^(?P<kind>[\w' -]{3,40}?)\s+(?:like|such as|e\.g\.?|incl\.?|including)\s+(?P<items>[^:]{3,})$",
    re.IGNORECASE,
)
_KEPT_PAIR = re.compile(r"(?:small[- ]batch|family[- ]run|family[- ]made)\b", re.IGNORECASE)


def _trim_generic(phrase: str, cues: Cues) -> str:
    """Drop generic words around the product: "little online tea shop" → "tea shop", "plus size fashion
    shop online" → "plus size fashion" (a shop word stays when it is all that names the kind of shop)."""
    words = phrase.split()
    while len(words) > 1 and cues.generic_re.match(words[0]) and not _KEPT_PAIR.match(" ".join(words[:2])):
        words.pop(0)
    while len(words) > 2 and cues.generic_re.match(words[-1]):
        words.pop()
    return " ".join(words)
