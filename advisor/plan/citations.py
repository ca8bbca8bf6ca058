"""Where a plan document cites the corpus, in reading order.

The engine numbers sources from this list and the renderers put ``[n]`` markers at exactly these
places, so every listed source is cited in the text and every marker has a source.
"""

from __future__ import annotations

from advisor.knowledge.references import SourceRef
from advisor.plan.models import Plan


def cited_places(plan: Plan) -> list[list[SourceRef]]:
    """The citations of each place that shows ``[n]`` markers, in document order."""
    places: list[list[SourceRef]] = []
    for initiative in plan.initiatives:
        places.append(initiative.citations)
        places += [criterion.citations for criterion in initiative.strive.criteria]
    places += [strategy.citations for strategy in plan.journey]
    places += [item.citations for item in plan.roadmap.items]
    places.append(plan.measurement.citations)
    places.append(plan.governance.citations)
    return places


def source_key(ref: SourceRef) -> tuple[str, str]:
    return ref.chunk_id, ref.quote
