"""The plan as one self-contained HTML page, readable on a phone and ready to print (and to PDF).

Rendered from the Markdown export (one source of truth for the document's content) with markdown-it,
raw HTML disabled: the only tags in the page are the ones the converter writes. Two touches on the
token stream: the source list's anchors become ids on its items, and every table cell gets the label
of its column, so tables stack into cards on narrow screens instead of overflowing.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from advisor.plan.models import Plan
from advisor.plan.render_markdown import render_markdown

_ANCHOR = re.compile(r'^<a id="(source-\d+)"></a>')
# Column widths by header (print uses a fixed table layout: fast to lay out, and no column collapses).
COLUMN_CLASS = {
    "Score": "col-s", "Result": "col-s", "Kind": "col-s",
    "Tool cost": "col-m", "When": "col-m", "Needs first": "col-m", "Payback": "col-m", "12-month ROI": "col-m",
    "STRIVE criterion": "col-m", "Buyer-journey stage": "col-m", "Initiative": "col-m", "AI initiative": "col-m",
    "Check": "col-l",
}  # fmt: skip

CSS = """
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dee7; --accent:#2453a6; --soft:#f3f6fb; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink);
       max-width: 980px; margin: 1.5rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.25; border-bottom: 3px solid var(--accent); padding-bottom: .4rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; color: var(--accent); border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--soft); }
a { color: var(--accent); }
a[href^="#source-"] { text-decoration: none; font-size: .8em; vertical-align: super; line-height: 0; }
li[id^="source-"]:target { background: #fff6d6; }
em { color: var(--muted); }
.col-s { width: 9%; } .col-m { width: 16%; } .col-l { width: 30%; }
@media screen and (max-width: 700px) {
  body { font-size: 15px; margin: .75rem auto; padding: 0 .75rem; }
  table, thead, tbody, tr, th, td { display: block; width: 100%; }
  thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .7rem; padding: .2rem 0; }
  td { border: none; border-bottom: 1px solid var(--soft); padding: .35rem .6rem; }
  td:last-child { border-bottom: none; }
  td[data-label]::before { content: attr(data-label); display: block; font-size: .75rem; font-weight: 600;
                           color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
}
@page { size: A4; margin: 16mm 14mm 18mm;
        @top-left { content: string(doctitle); font: 8pt "DejaVu Sans", sans-serif; color: #5b6475; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt "DejaVu Sans", sans-serif;
                        color: #5b6475; } }
@page :first { @top-left { content: none; } }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; padding: 0; }
  h1 { string-set: doctitle content(); font-size: 17pt; }
  h2 { break-after: avoid; page-break-after: avoid; font-size: 13pt; }
  h3 { break-after: avoid; page-break-after: avoid; font-size: 11pt; }
  body { overflow-wrap: break-word; }
  table { font-size: 8.5pt; table-layout: fixed; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; }
}
"""


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _text(inline: Token) -> str:
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))


def _touch(tokens: list[Token]) -> None:
    """Ids on the source list's items and column labels on table cells."""
    item: Token | None = None
    labels: list[str] = []
    column = 0
    for n, token in enumerate(tokens):
        if token.type == "list_item_open":
            item = token
        elif token.type == "inline" and item is not None and token.children:
            first = token.children[0]
            match = _ANCHOR.match(first.content) if first.type == "text" else None
            if match:
                item.attrSet("id", match.group(1))
                first.content = first.content[match.end() :]
            item = None
        elif token.type == "thead_open":
            labels = []
        elif token.type == "th_open":
            labels.append(_text(tokens[n + 1]))
            if labels[-1] in COLUMN_CLASS:
                token.attrSet("class", COLUMN_CLASS[labels[-1]])
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(labels) and labels[column]:
                token.attrSet("data-label", labels[column])
            column += 1


def markdown_to_html(markdown: str) -> str:
    """The plan export's Markdown as HTML (raw HTML in the text is escaped, never passed through)."""
    parser = _parser()
    tokens = parser.parse(markdown)
    _touch(tokens)
    return str(parser.renderer.render(tokens, parser.options, {}))


def render_html(plan: Plan) -> str:
    body = markdown_to_html(render_markdown(plan))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(plan.title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )
