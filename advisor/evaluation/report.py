"""The eval report as a self-contained HTML page: a table and a bar chart per suite, failures per case."""

from __future__ import annotations

import html
import json

from advisor.evaluation.runner import EvalReport, MetricResult, SuiteResult

CSS = """
body{font:14px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1d2433}
h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #d9dee7}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border:1px solid #d9dee7;padding:4px 8px;text-align:left}
th{background:#f3f6fb}.pass{color:#1b7f4b;font-weight:600}.fail{color:#b3261e;font-weight:600}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff}.ok{background:#1b7f4b}.bad{background:#b3261e}
details{margin:.3rem 0}pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:12px}
"""


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _chart(metrics: list[MetricResult]) -> str:
    """Bars for metrics on a 0-1 scale, with the threshold as a tick."""
    bars = [m for m in metrics if 0 <= m.value <= 1 and (m.threshold is None or 0 <= m.threshold <= 1)]
    if not bars:
        return ""
    row, width, label = 26, 420, 190
    parts = [
        f'<svg role="img" aria-label="metrics chart" width="{label + width + 60}" height="{row * len(bars) + 10}">'
    ]
    for i, m in enumerate(bars):
        y = i * row + 5
        color = "#b3261e" if m.passed is False else "#2453a6"
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{html.escape(m.name)}</text>')
        parts.append(f'<rect x="{label}" y="{y}" width="{width}" height="18" fill="#eef1f6"/>')
        parts.append(f'<rect x="{label}" y="{y}" width="{m.value * width:.1f}" height="18" fill="{color}"/>')
        if m.threshold is not None:
            x = label + m.threshold * width
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + 20}" stroke="#f5a623" stroke-width="3"/>'
            )
        parts.append(f'<text x="{label + width + 6}" y="{y + 14}" font-size="12">{m.value:g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _suite(s: SuiteResult) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(m.name)}</td><td>{_fmt(m.value)}</td>"
        f"<td>{'' if m.bound is None else ('≥ ' if m.bound == 'min' else '≤ ') + _fmt(m.threshold)}</td>"
        f"<td>{_fmt(m.baseline)}</td><td>{'' if m.delta is None else f'{m.delta:+g}'}</td>"
        f'<td class="{"fail" if m.passed is False else "pass"}">{"FAIL" if m.passed is False else ("pass" if m.passed else "—")}</td></tr>'
        for m in s.metrics
    )
    failures = "".join(
        f"<details><summary>{html.escape(str(f.get('id', f.get('question', 'case'))))}</summary>"
        f"<pre>{html.escape(json.dumps(f, indent=2, ensure_ascii=False))}</pre></details>"
        for f in s.failures
    )
    judged = ""
    if s.model_judged:
        judged = f"<p><em>{html.escape(json.dumps(s.model_judged))}</em></p>"
    badge = '<span class="badge ok">pass</span>' if s.passed else '<span class="badge bad">FAIL</span>'
    return (
        f"<h2>{html.escape(s.suite)} <small>({html.escape(s.split)})</small> {badge}</h2><p>{s.cases} cases from <code>{html.escape(s.dataset)}</code> in {s.seconds}s</p>"
        "<table><thead><tr><th>metric</th><th>value</th><th>threshold</th><th>baseline</th><th>delta</th><th>gate</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{_chart(s.metrics)}{judged}"
        f"<h3>Cases that failed ({len(s.failures)})</h3>{failures or '<p>None.</p>'}"
    )


def render_report(report: EvalReport) -> str:
    badge = (
        '<span class="badge ok">gate passed</span>'
        if report.passed
        else '<span class="badge bad">gate failed</span>'
    )
    body = "".join(_suite(s) for s in report.suites)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>advisor eval</title><style>{CSS}</style></head>'
        f"<body><h1>advisor eval — {report.mode} {badge}</h1><p>advisor {html.escape(report.version)}</p>{body}</body></html>\n"
    )
