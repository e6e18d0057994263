"""Session reports in Markdown, HTML and CSV, built from a session record (live or from the store).

The HTML is one self-contained, well-formed page (XHTML-compatible markup, inline CSS with print rules)
so a manager can mail it or print it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from typing import Any

from ..safe_text import html_text, json_text, markdown
from ..scoring.results import score_text
from ..store.export import csv_safe
from .peer_review import average_text, peer_averages, reviewer_count, rubric_of
from .session import Standing, standings

TURN_COLUMNS = (
    "number",
    "round",
    "rep",
    "kind",
    "product",
    "item_id",
    "cut",
    "title",
    "score",
    "passed",
    "skipped",
    "late",
    "missed",
    "elapsed_seconds",
    "answer",
)


def most_missed(record: dict[str, Any], limit: int = 10) -> list[tuple[str, int]]:
    """Key points and phrases the team missed most often in a session."""
    return Counter(point for turn in record["turns"] for point in turn.get("missed") or []).most_common(limit)


def _summary(record: dict[str, Any]) -> tuple[list[Standing], list[tuple[str, int]]]:
    return standings(record["config"]["roster"], record["turns"]), most_missed(record)


def peer_table(record: dict[str, Any]) -> tuple[list[str], list[tuple[str, list[str], int]]]:
    """The peer-scorecard section: criterion labels, then per rep (roster order) the average per criterion
    and how many teammates rated them. Empty when nobody rated anything."""
    ratings = record.get("ratings") or []
    if not ratings:
        return [], []
    rubric = rubric_of(record)
    roster = record["config"]["roster"]
    averages = peer_averages(roster, rubric, ratings)
    rows = [(rep, [average_text(averages[rep][c.id]) for c in rubric], reviewer_count(ratings, rep)) for rep in roster]
    return [c.label for c in rubric], rows


def _score(value: float | None) -> str:
    return score_text(value)


def _turn_score(turn: dict[str, Any]) -> str:
    """A turn's score as the reports print it: "skipped", or the score with "late" after time was up."""
    if turn["skipped"]:
        return "skipped"
    return _score(turn["score"]) + (" (late)" if turn.get("late") else "")


def _when(record: dict[str, Any]) -> str:
    return dt.datetime.fromisoformat(record["started_at"]).astimezone().strftime("%Y-%m-%d %H:%M")


_PLAIN_ID = re.compile(r"[A-Za-z0-9_.:-]+")


def _md_id(value: str) -> str:
    """An id as code when it is a plain id; anything else escaped as text (a backtick would end the code)."""
    return f"`{value}`" if _PLAIN_ID.fullmatch(value) else markdown(value)


def to_markdown(record: dict[str, Any]) -> str:
    """Every name, title and point is escaped (:func:`~trainer.safe_text.markdown`): a rep named like a link,
    an image or HTML shows as that text in any Markdown viewer."""
    config, turns = record["config"], record["turns"]
    ranking, missed = _summary(record)
    md = markdown
    out = [
        f"# {md(config['name'])}",
        "",
        f"Session {_md_id(record['id'])} · {_when(record)} · product: {md(config['product'] or 'all')} · "
        f"{config['rounds']} round(s) · {config['seconds_per_turn']} s per turn",
        "",
        "## Ranking",
        "",
        "| rank | rep | answered | skipped | total | average | best |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    out += [
        f"| {s.rank} | {md(s.rep)} | {s.scored} | {s.skipped} | {_score(s.total)} | {_score(s.average)} "
        f"| {_score(s.best)} |"
        for s in ranking
    ]
    labels, peers = peer_table(record)
    if peers:
        out += ["", "## Peer scorecards (average of teammates' ratings, 1–5)", ""]
        out.append("| rep | " + " | ".join(md(label) for label in labels) + " | reviewers |")
        out.append("|---|" + "---:|" * len(labels) + "---:|")
        out += [f"| {md(rep)} | " + " | ".join(cells) + f" | {count} |" for rep, cells, count in peers]
    out += ["", "## Key points the team missed most", ""]
    out += [f"- {md(point)} ({count}×)" for point, count in missed] or ["- none — well done"]
    out += ["", "## Turns", "", "| # | round | rep | item | score |", "|---:|---:|---|---|---:|"]
    for turn in turns:
        score = _turn_score(turn)
        item = f"{md(turn['kind'])}: {md(turn['title'])}"
        out.append(f"| {turn['number']} | {turn['round']} | {md(turn['rep'])} | {item} | {score} |")
    return "\n".join(out) + "\n"


_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { margin-bottom: 0.2em; } .meta { color: #666; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; } tr.skipped td { color: #888; font-style: italic; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
"""


def to_html(record: dict[str, Any]) -> str:
    config, turns = record["config"], record["turns"]
    ranking, missed = _summary(record)
    e = html_text  # escaped and visible: no markup, no control character from a name or a title
    rows = "".join(
        f'<tr><td class="num">{s.rank}</td><td>{e(s.rep)}</td>'
        f'<td class="num">{s.scored}</td><td class="num">{s.skipped}</td>'
        f'<td class="num">{_score(s.total)}</td><td class="num">{_score(s.average)}</td>'
        f'<td class="num">{_score(s.best)}</td></tr>'
        for s in ranking
    )
    missed_items = "".join(f"<li>{e(point)} ({count}×)</li>" for point, count in missed) or "<li>none — well done</li>"
    labels, peers = peer_table(record)
    peer_section = ""
    if peers:
        heads = "".join(f'<th class="num">{e(label)}</th>' for label in labels)
        body = "".join(
            f"<tr><td>{e(rep)}</td>" + "".join(f'<td class="num">{cell}</td>' for cell in cells)
            + f'<td class="num">{count}</td></tr>'
            for rep, cells, count in peers
        )
        peer_section = (
            "<h2>Peer scorecards (average of teammates’ ratings, 1–5)</h2>\n<table>\n"
            f'<thead><tr><th>rep</th>{heads}<th class="num">reviewers</th></tr></thead>\n'
            f"<tbody>{body}</tbody>\n</table>\n"
        )
    skipped = ' class="skipped"'
    turn_rows = "".join(
        f'<tr{skipped if t["skipped"] else ""}><td class="num">{t["number"]}</td>'
        f'<td class="num">{t["round"]}</td><td>{e(t["rep"])}</td><td>{e(t["kind"])}: {e(t["title"])}</td>'
        f'<td class="num">{_turn_score(t)}</td></tr>'
        for t in turns
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        f"<title>{e(config['name'])} — session report</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{e(config['name'])}</h1>\n"
        f'<p class="meta">Session {e(record["id"])} · {e(_when(record))} · product: {e(config["product"] or "all")}'
        f" · {config['rounds']} round(s) · {config['seconds_per_turn']} s per turn</p>\n"
        '<h2>Ranking</h2>\n<table>\n<thead><tr><th class="num">rank</th><th>rep</th>'
        '<th class="num">answered</th><th class="num">skipped</th><th class="num">total</th>'
        '<th class="num">average</th><th class="num">best</th></tr></thead>\n'
        f"<tbody>{rows}</tbody>\n</table>\n"
        f"{peer_section}"
        f"<h2>Key points the team missed most</h2>\n<ul>{missed_items}</ul>\n"
        '<h2>Turns</h2>\n<table>\n<thead><tr><th class="num">#</th><th class="num">round</th><th>rep</th>'
        '<th>item</th><th class="num">score</th></tr></thead>\n'
        f"<tbody>{turn_rows}</tbody>\n</table>\n</body>\n</html>\n"
    )


def to_csv(record: dict[str, Any]) -> str:
    """One row per turn."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(TURN_COLUMNS), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for turn in record["turns"]:
        writer.writerow(csv_safe(dict(turn, missed="; ".join(turn.get("missed") or []))))
    return buffer.getvalue()


def to_json(record: dict[str, Any]) -> str:
    """The whole record plus what the other reports compute (ranking, peer averages), for other tools.
    Text is escaped by :func:`~trainer.safe_text.json_text` so no control character reaches a terminal."""
    rubric = rubric_of(record)
    ratings = record.get("ratings") or []
    roster = record["config"]["roster"]
    ranking, missed = _summary(record)
    document = {
        **record,
        "ratings": ratings,
        "ranking": [
            {"rank": s.rank, "rep": s.rep, "answered": s.scored, "skipped": s.skipped, "total": s.total,
             "average": s.average, "best": s.best}
            for s in ranking
        ],
        "most_missed": [{"point": point, "count": count} for point, count in missed],
        "peer_averages": {
            rep: {"reviewers": reviewer_count(ratings, rep), "criteria": by_criterion}
            for rep, by_criterion in peer_averages(roster, rubric, ratings).items()
        },
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


RENDERERS = {"md": to_markdown, "html": to_html, "csv": to_csv, "json": to_json}
