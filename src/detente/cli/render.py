"""Terminal rendering with rich: tables, sparklines, summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from detente.analyse.series import Period
from detente.runners.pipeline import IngestSummary

_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """One character per value; None (no events) shows as a space."""
    real = [v for v in values if v is not None]
    if not real:
        return " " * len(values)
    low, high = min(real), max(real)
    span = high - low or 1.0
    return "".join(" " if v is None else _BARS[int((v - low) / span * (len(_BARS) - 1))] for v in values)


def _actor(side: dict[str, Any]) -> str:
    if not side:
        return ""
    return f"{side.get('country') or '?'}{(' ' + side['sector']) if side.get('sector') else ''}"


def render_coded(console: Console, results: list[dict[str, Any]]) -> None:
    for result in results:
        if "rejected" in result:
            r = result["rejected"]
            console.print(f"[red]rejected[/] {r['input_ref']}: {r['reason']}: {r['message']}", highlight=False)
            continue
        article, events = result["article"], result["events"]
        console.print(f"[bold]{article.get('title') or '(untitled)'}[/]  {article.get('source') or ''} "
                      f"{article.get('published') or ''}", highlight=False)
        table = Table(show_lines=False)
        for column in ("date", "source", "code", "target", "gold.", "pol/mod", "rule", "evidence"):
            table.add_column(column, overflow="fold")
        for e in events:
            table.add_row(str(e["occurred"]["start"] or "?"), _actor(e["source"]), e["cameo"], _actor(e["target"]),
                          f"{e['goldstein']:+.1f}", f"{e['polarity'][:3]}/{e['modality'][:4]}", e["rule_id"],
                          e["evidence"]["sentence"][:160])
        console.print(table)
        console.print(f"{len(events)} event(s)")


def render_ingest_summary(console: Console, summary: IngestSummary) -> None:
    console.print(f"[bold]ingest[/]: {summary.inputs} input(s): {summary.processed} processed, "
                  f"{summary.duplicates} duplicate(s) skipped, {len(summary.rejected)} rejected; "
                  f"{summary.events} event(s) stored", highlight=False)
    for reject in summary.rejected:
        console.print(f"  [red]rejected[/] {reject.input_ref}: {reject.reason}: {reject.message}", highlight=False)


def render_series(console: Console, a: str, b: str, periods: Sequence[Period]) -> None:
    if not periods:
        console.print(f"No events between {a} and {b} in the store.")
        return
    table = Table(title=f"{a}–{b} relations")
    for column in ("period", "events", "gold. sum", "gold. mean", "Q1", "Q2", "Q3", "Q4"):
        table.add_column(column, justify="right")
    for p in periods:
        mean = "" if p.goldstein_mean is None else f"{p.goldstein_mean:+.2f}"
        table.add_row(p.period, str(p.events), f"{p.goldstein_sum:+.1f}", mean, *(str(p.quad[k]) for k in "1234"))
    console.print(table)
    console.print(f"mean Goldstein {periods[0].period} … {periods[-1].period}: "
                  f"{sparkline([p.goldstein_mean for p in periods])}", highlight=False)


def _side(country: object, sector: object) -> str:
    return f"{country}{' ' + str(sector) if sector else ''}"


def _event_table(title: str, rows: list[dict[str, Any]]) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("date", "who → whom", "code", "gold.", "reports", "outlet", "sentence"):
        table.add_column(column, overflow="fold")
    for r in rows:
        who = f"{_side(r['source_country'], r['source_sector'])} → {_side(r['target_country'], r['target_sector'])}"
        reports = f"{r['n_articles']} art. / {r['n_sources']} src."
        table.add_row(str(r["occurred_start"]), who, r["cameo"], f"{r['goldstein']:+.1f}", reports, r["outlet"] or "",
                      r["sentence"])
    return table


def render_events(console: Console, a: str, b: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print(f"No events between {a} and {b} in that period.")
        return
    console.print(_event_table(f"{a}–{b} events ({len(rows)})", rows))


def render_demo(console: Console, report: Any) -> None:
    console.print(f"\n[bold]South Korea–Japan relations, monthly[/] (store: {report.counts['articles']} articles, "
                  f"{report.counts['events']} events)", highlight=False)
    active = [p for p in report.periods if p.events]
    render_series(console, report.a, report.b, active)
    console.print(f"(months with events shown; {len(report.periods) - len(active)} empty months omitted here, "
                  f"`detente dyad {report.a} {report.b}` lists all)")
    console.print(_event_table("Five most negative events", report.negative))
    console.print(_event_table("Five most positive events", report.positive))


def render_eval(console: Console, report: Any, errors: int = 0) -> None:
    t = report.triples
    console.print(f"[bold]{report.sentences} sentences[/]: (source, target, root) precision {t.precision:.3f}, "
                  f"recall {t.recall:.3f}, F1 {t.f1:.3f}  (tp {t.tp}, fp {t.fp}, fn {t.fn})", highlight=False)
    c = report.full_code
    console.print(f"full code: P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}", highlight=False)
    table = Table(title="accuracy among matched events")
    table.add_column("attribute")
    table.add_column("accuracy", justify="right")
    table.add_column("compared", justify="right")
    for name, (correct, total) in sorted(report.attributes.items()):
        table.add_row(name, f"{correct / total:.3f}" if total else "-", str(total))
    console.print(table)
    for title, groups in (("F1 per tag", report.by_tag), ("F1 per root", report.by_root)):
        table = Table(title=title)
        for column in ("", "P", "R", "F1", "tp", "fp", "fn"):
            table.add_column(column, justify="right")
        for key, counts in sorted(groups.items()):
            table.add_row(key, f"{counts.precision:.2f}", f"{counts.recall:.2f}", f"{counts.f1:.2f}",
                          str(counts.tp), str(counts.fp), str(counts.fn))
        console.print(table)
    for miss in report.errors[:errors]:
        console.print(f"[yellow]{miss['id']}[/] {miss['text']}\n   gold  {miss['gold']}\n   found {miss['found']}",
                      highlight=False)
