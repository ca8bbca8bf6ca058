"""``advisor plan build`` and ``advisor prioritize``: plans from a business profile, no chat needed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from advisor.cli.app import app, err_console, fail, handle_errors
from advisor.cli.jsonlines import emit
from advisor.config import get_settings
from advisor.plan.checklist import finalize
from advisor.plan.export import FORMATS, render, render_bytes
from advisor.plan.profile import load_profile
from advisor.strategy.engine import StrategyEngine
from advisor.strategy.scoring import parse_weights

out = Console(highlight=False, soft_wrap=True)
wide = Console(highlight=False, width=132)
plan_app = typer.Typer(
    help="Build a Strategic AI Action Plan from a business profile (YAML or JSON).", no_args_is_help=True
)
app.add_typer(plan_app, name="plan")

WEIGHTS_HELP = "Re-weight STRIVE criteria, e.g. 'S=2,E=1.5' (letters S,T,R,I,V,E; others stay 1)."
PROFILE_HELP = (
    "Business profile file (YAML or JSON): niche, goals, data_maturity, tech_stack, team, budget..."
)


def _weights(text: str | None) -> dict[str, float]:
    try:
        return parse_weights(text)
    except ValueError as exc:
        raise fail(f"--weights: {exc}") from None


@plan_app.command("build")
@handle_errors
def build(
    profile: Annotated[Path, typer.Option("--profile", "-p", help=PROFILE_HELP)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, md (Markdown), html or pdf.")] = "md",
    weights: Annotated[str | None, typer.Option("--weights", help=WEIGHTS_HELP)] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    final: Annotated[
        bool, typer.Option("--final", help="Mark the plan final; fails while a checklist item fails.")
    ] = False,
) -> None:
    """Score every initiative, pick 2-3, and write the six-component plan."""
    if fmt not in FORMATS:
        raise fail(f"--format must be json, md, html or pdf, not {fmt!r}")
    if fmt == "pdf" and output is None:
        raise fail("--format pdf writes a binary file: give --output, e.g. --output plan.pdf")
    weight_map = _weights(weights)
    business = load_profile(profile)
    if business.unknown_fields:
        err_console.print(
            f"[yellow]note:[/] ignored unknown profile fields: {', '.join(business.unknown_fields)}"
        )
    plan = StrategyEngine.from_settings(get_settings()).build_plan(business, weight_map)
    if final:
        plan = finalize(plan)
    if output is None:
        typer.echo(render(plan, fmt), nl=False)  # type: ignore[arg-type]
    else:
        data = render_bytes(plan, fmt)  # type: ignore[arg-type]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        err_console.print(f"wrote {output} ({len(data)} bytes, {plan.status})", highlight=False)
    failed = [c for c in plan.checklist if not c.passed]
    if failed:
        err_console.print(
            "[yellow]checklist:[/] " + "; ".join(f"{c.id}: {', '.join(c.reasons)}" for c in failed),
            highlight=False,
        )


@app.command()
@handle_errors
def prioritize(
    profile: Annotated[Path, typer.Option("--profile", "-p", help=PROFILE_HELP)],
    weights: Annotated[str | None, typer.Option("--weights", help=WEIGHTS_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object with every candidate.")] = False,
) -> None:
    """Rank every candidate initiative with STRIVE, RICE, ICE and its value/effort quadrant.

    With --weights, the rank under default weights is shown beside the new one.
    """
    weight_map = _weights(weights)
    business = load_profile(profile)
    engine = StrategyEngine.from_settings(get_settings())
    ranked = engine.prioritise(business, weight_map)
    baseline = [c.initiative.id for c in engine.prioritise(business).candidates]
    chosen = {c.initiative.id for c in engine.select(ranked)}
    rows: list[dict[str, Any]] = []
    for rank, c in enumerate(ranked.candidates, start=1):
        rows.append(
            {
                "rank": rank,
                "default_rank": baseline.index(c.initiative.id) + 1,
                "id": c.initiative.id,
                "name": c.initiative.name,
                "phase": c.phase,
                "selected": c.initiative.id in chosen,
                "strive": {x.criterion: x.score for x in c.strive.criteria},
                "strive_weighted": c.strive.weighted_score,
                "rice": c.priority.rice.score,
                "ice": c.priority.ice.score,
                "quadrant": c.priority.quadrant,
            }
        )
    if as_json:
        emit({"weights": ranked.weights, "candidates": rows})
        return
    table = Table(title="Candidate AI initiatives", show_lines=False)
    for column in (
        "#",
        "was",
        "initiative",
        "S",
        "T",
        "R",
        "I",
        "V",
        "E",
        "STRIVE",
        "RICE",
        "ICE",
        "quadrant",
        "",
    ):
        table.add_column(
            column, justify="right" if column not in ("initiative", "quadrant", "") else "left", no_wrap=True
        )
    for row in rows:
        s = row["strive"]
        moved = "" if row["rank"] == row["default_rank"] else str(row["default_rank"])
        table.add_row(
            str(row["rank"]), moved, f"{row['id']} ({row['phase']})",
            *(str(s[k]) for k in "STRIVE"), f"{row['strive_weighted']:.2f}", f"{row['rice']:g}", f"{row['ice']:g}",
            str(row["quadrant"]), "✓ in plan" if row["selected"] else "",
        )  # fmt: skip
    wide.print(table)
    wide.print(
        f"weights: {', '.join(f'{k}={v:g}' for k, v in ranked.weights.items())}  ('was' = rank with equal weights)"
    )
