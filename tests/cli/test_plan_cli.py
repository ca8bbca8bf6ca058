from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from advisor.cli import app
from advisor.config import PROJECT_ROOT

runner = CliRunner()
PROFILES = PROJECT_ROOT / "evals" / "datasets" / "profiles"


def test_plan_build_formats(tmp_path: Path) -> None:
    md = runner.invoke(app, ["plan", "build", "--profile", str(PROFILES / "candles.yaml")])
    assert md.exit_code == 0 and md.stdout.startswith("# Strategic AI E-commerce Action Plan")
    out = tmp_path / "plan.html"
    html = runner.invoke(
        app, ["plan", "build", "-p", str(PROFILES / "candles.yaml"), "-f", "html", "-o", str(out)]
    )
    assert html.exit_code == 0 and out.read_text().startswith("<!doctype html>")
    js = runner.invoke(app, ["plan", "build", "-p", str(PROFILES / "candles.yaml"), "-f", "json", "--final"])
    assert js.exit_code == 0 and json.loads(js.stdout)["status"] == "final"


def test_final_refused_while_a_check_fails() -> None:
    result = runner.invoke(app, ["plan", "build", "-p", str(PROFILES / "vague.yaml"), "--final"])
    assert result.exit_code == 2
    assert "cannot be finalised" in result.stderr and "smart_goals" in result.stderr


def test_bad_inputs_get_clear_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("niche: tea\nbudget_monthly: lots\n")
    result = runner.invoke(app, ["plan", "build", "-p", str(bad)])
    assert result.exit_code == 2 and "budget_monthly" in result.stderr and "Traceback" not in result.stderr
    missing = runner.invoke(app, ["plan", "build", "-p", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "not found" in missing.stderr
    weights = runner.invoke(app, ["prioritize", "-p", str(PROFILES / "candles.yaml"), "--weights", "Q=1"])
    assert weights.exit_code == 2 and "--weights" in weights.stderr
    fmt = runner.invoke(app, ["plan", "build", "-p", str(PROFILES / "candles.yaml"), "-f", "docx"])
    assert fmt.exit_code == 2 and "json, md, html or pdf" in fmt.stderr
    pdf = runner.invoke(app, ["plan", "build", "-p", str(PROFILES / "candles.yaml"), "-f", "pdf"])
    assert pdf.exit_code == 2 and "--output" in pdf.stderr  # binary: never to the terminal


def test_plan_build_writes_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = runner.invoke(
        app,
        [
            "plan",
            "build",
            "--profile",
            str(PROFILES / "candles.yaml"),
            "--format",
            "pdf",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF") and "plan.pdf" in result.stderr


def test_prioritize_shows_every_candidate_and_rank_moves() -> None:
    result = runner.invoke(
        app, ["prioritize", "-p", str(PROFILES / "electronics.yaml"), "--weights", "E=5", "--json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["candidates"]) == 10 and data["weights"]["E"] == 5
    assert any(c["rank"] != c["default_rank"] for c in data["candidates"])
    assert sum(c["selected"] for c in data["candidates"]) in (2, 3)
    table = runner.invoke(app, ["prioritize", "-p", str(PROFILES / "candles.yaml")])
    assert "conversational-ai" in table.stdout and "quick win" in table.stdout
