"""The plan as one self-contained, print-ready HTML page.

Rendered from the Markdown export (one source of truth for the document's content) by a small converter
for exactly the subset that export uses: headings, paragraphs, bullet and numbered lists, tables,
bold, italics and code. All text is HTML-escaped before formatting is applied.
"""

from __future__ import annotations

import html
import re

from advisor.plan.models import Plan
from advisor.plan.render_markdown import render_markdown

CSS = """
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dee7; --accent:#2453a6; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 980px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; border-bottom: 3px solid var(--accent); padding-bottom: .4rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; color: var(--accent); border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: #f3f6fb; }
code { font-size: .85em; color: var(--muted); }
em { color: var(--muted); }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { page-break-after: avoid; }
               table, tr { page-break-inside: avoid; } }
"""


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])_(.+?)_(?![\w*])", r"<em>\1</em>", out)
    return out


def _split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [c.strip().replace("\\|", "|") for c in cells]


def markdown_to_html(markdown: str) -> str:
    """Convert the plan export's Markdown subset to HTML."""
    out: list[str] = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        heading = re.match(r"^(#{1,4}) (.*)$", line)
        if heading:
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            header, body = _split_row(rows[0]), [_split_row(r) for r in rows[2:]]
            out.append(
                "<table><thead><tr>"
                + "".join(f"<th>{_inline(c)}</th>" for c in header)
                + "</tr></thead><tbody>"
            )
            out += ["<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in body]
            out.append("</tbody></table>")
            continue
        for pattern, tag in ((r"^- (.*)$", "ul"), (r"^\d+\. (.*)$", "ol")):
            if re.match(pattern, line):
                items = []
                while i < len(lines) and re.match(pattern, lines[i]):
                    items.append(re.match(pattern, lines[i]).group(1))  # type: ignore[union-attr]
                    i += 1
                out.append(f"<{tag}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + f"</{tag}>")
                break
        else:
            paragraph = []
            while i < len(lines) and lines[i].strip() and not re.match(r"^(#|\||- |\d+\. )", lines[i]):
                paragraph.append(lines[i])
                i += 1
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
    return "\n".join(out)


def render_html(plan: Plan) -> str:
    body = markdown_to_html(render_markdown(plan))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(plan.title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )
