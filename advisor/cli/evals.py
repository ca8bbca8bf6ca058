"""``advisor eval``: the eval suites, their report and the regression gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from advisor.cli.app import app, err_console, fail, handle_errors
from advisor.cli.jsonlines import emit
from advisor.cli.knowledge import open_advisor
from advisor.evaluation.report import render_report
from advisor.evaluation.runner import (
    DEFAULT_BASELINE,
    DEFAULT_DATASETS,
    DEFAULT_THRESHOLDS,
    SUITES,
    EvalReport,
    baseline_of,
    detect_suite,
    run,
)

out = Console(highlight=False, width=120)


def _print(report: EvalReport) -> None:
    for suite in report.suites:
        table = Table(
            title=f"{suite.suite} ({suite.split}) — {suite.cases} cases — {'pass' if suite.passed else 'FAIL'}",
            title_justify="left",
        )
        for column in ("metric", "value", "threshold", "baseline", "delta", "gate"):
            table.add_column(column)
        for m in suite.metrics:
            threshold = "" if m.bound is None else f"{'≥' if m.bound == 'min' else '≤'} {m.threshold:g}"
            gate = "[red]FAIL[/]" if m.passed is False else ("pass" if m.passed else "")
            table.add_row(
                m.name, f"{m.value:g}", threshold, "" if m.baseline is None else f"{m.baseline:g}",
                "" if m.delta is None else f"{m.delta:+g}", gate,
            )  # fmt: skip
        out.print(table)
        if suite.model_judged:
            out.print(f"  model-judged (not gated): {suite.model_judged}")
    out.print(
        "[bold green]gate passed[/]"
        if report.passed
        else "[bold red]gate failed: a metric regressed below its threshold[/]"
    )


@app.command("eval")
@handle_errors
def eval_command(
    suite: Annotated[str, typer.Option("--suite", help=f"One of {', '.join(SUITES)}, or all.")] = "all",
    dataset: Annotated[
        Path | None, typer.Option("--dataset", help="Your own dataset file (its `suite:` names the suite).")
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="One JSON object with every suite's metrics, thresholds and pass/fail."),
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write an HTML report (tables, charts, failed cases) into DIR."),
    ] = None,
    thresholds: Annotated[
        Path, typer.Option("--thresholds", help="Gate thresholds (YAML).")
    ] = DEFAULT_THRESHOLDS,
    baseline: Annotated[
        Path, typer.Option("--baseline", help="Baseline metrics for deltas (JSON).")
    ] = DEFAULT_BASELINE,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write this run's metrics as the new baseline.")
    ] = False,
    with_model: Annotated[
        bool, typer.Option("--with-model", help="Use the configured chat model and add model-judged metrics.")
    ] = False,
) -> None:
    """Run the eval suites offline (deterministic by default) and gate on the thresholds.

    Exit code 1 when a metric falls below its threshold, 2 for bad input.
    """
    if dataset is not None:
        if not dataset.exists():
            raise fail(f"dataset not found: {dataset}")
        detected = detect_suite(dataset)
        if suite not in ("all", detected):
            raise fail(f"{dataset} is a {detected!r} dataset, not {suite!r}")
        suites, datasets = [detected], {detected: dataset}
    elif suite == "all":
        suites, datasets = list(SUITES), None
    elif suite in SUITES:
        suites, datasets = [suite], None
    else:
        raise fail(f"--suite must be one of {', '.join(SUITES)} or all, not {suite!r}")
    advisor = open_advisor(use_chat_model=with_model)  # offline and deterministic unless asked
    judge = None
    if with_model and advisor.chat_model is not None:
        from advisor.evaluation.judge import make_judge

        judge = make_judge(
            advisor.chat_model, advisor.answers, (datasets or {}).get("answers", DEFAULT_DATASETS["answers"])
        )
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"eval {name}", total=total)
            bar.update(tasks[name], completed=done, total=total)

        result = run(
            advisor,
            suites,
            datasets=datasets,
            thresholds_path=thresholds,
            baseline_path=baseline,
            progress=progress,
            judge=judge,
        )
    if report is not None:
        report.mkdir(parents=True, exist_ok=True)
        (report / "index.html").write_text(render_report(result), encoding="utf-8")
        (report / "report.json").write_text(result.model_dump_json(indent=2), encoding="utf-8")
        err_console.print(f"report written to {report / 'index.html'}", highlight=False)
    if update_baseline:
        merged = json.loads(baseline.read_text()) if baseline.exists() else {}
        merged.update(baseline_of(result))
        baseline.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        err_console.print(f"baseline updated: {baseline}", highlight=False)
    if as_json:
        emit(json.loads(result.model_dump_json()))
    else:
        _print(result)
    if not result.passed:
        raise typer.Exit(1)
