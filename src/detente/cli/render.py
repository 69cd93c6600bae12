"""Terminal rendering with rich: tables, sparklines, summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from detente.analyse.index import RelationsSeries
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


def render_series(console: Console, series: RelationsSeries, findings: Any = None, only_active: bool = False
                  ) -> None:
    points = [p for p in series.points if p.events] if only_active else list(series.points)
    label = series.meta.label
    if not points:
        console.print(f"No events between {series.meta.a} and {series.meta.b} in the store.")
        return
    table = Table(title=f"{label} relations ({series.meta.freq})")
    for column in ("period", "events", "gold. sum", "gold. mean", "coop.", "index", "95% interval", "Q1", "Q2",
                   "Q3", "Q4"):
        table.add_column(column, justify="right")
    for p in points:
        mean = "" if p.goldstein_mean is None else f"{p.goldstein_mean:+.2f}"
        coop = "" if p.coop_share is None else f"{p.coop_share:.0%}"
        index = "" if p.index is None else f"{p.index:+.2f}"
        band = "" if p.ci_low is None or p.ci_high is None else f"{p.ci_low:+.2f} … {p.ci_high:+.2f}"
        table.add_row(p.period, str(p.events), f"{p.goldstein_sum:+.1f}", mean, coop, index, band,
                      *(str(p.quad[k]) for k in "1234"))
    console.print(table)
    console.print(f"index {points[0].period} … {points[-1].period}: {sparkline([p.index for p in points])}",
                  highlight=False)
    meta = series.meta
    versions = "; ".join(f"{k} {', '.join(v)}" for k, v in sorted(meta.versions.items()))
    console.print(f"[dim]index = Goldstein sum / (events + {meta.prior_events:g}); store schema "
                  f"{meta.schema_version}; {versions}[/]", highlight=False)
    if findings is not None:
        render_findings(console, findings)


def render_findings(console: Console, findings: Any) -> None:
    for sentence in findings.sentences:
        console.print(f"• {sentence}", highlight=False)
    for turn in findings.turning_points:
        why = "; ".join(f"{e.get('occurred_start')} {e.get('source_country')}→{e.get('target_country')} "
                        f"{e.get('cameo')}" for e in turn.events)
        console.print(f"• turning point {turn.period}: {turn.direction} by {turn.size:+.2f} "
                      f"({turn.level_before:+.2f} → {turn.level_after:+.2f}); driven by {why}", highlight=False)
    rec = findings.reciprocity
    if rec is not None and rec.best_lag is not None and rec.best_correlation is not None:
        console.print(f"• reciprocity: {rec.a}→{rec.b} answered by {rec.b}→{rec.a} best at a lag of {rec.best_lag} "
                      f"month(s), r = {rec.best_correlation:+.2f} over {rec.months} months", highlight=False)


def render_chains(console: Console, a: str, b: str, chains: list[Any], limit: int = 10) -> None:
    if not chains:
        console.print(f"No response chains between {a} and {b}.")
        return
    for number, chain in enumerate(chains[:limit], start=1):
        console.print(f"[bold]chain {number}[/] (score {chain.score:.2f}, {len(chain.links)} link(s))",
                      highlight=False)
        for i, event in enumerate(chain.events):
            link = chain.links[i - 1] if i else None
            how = f"  ↳ {link.kind} after {link.lag_days} d: " if link else "  "
            sentence = str(event.get("sentence") or "")[:110]
            console.print(f"{how}{event.get('occurred_start')} {event.get('source_country')}→"
                          f"{event.get('target_country')} {event.get('cameo')}  {sentence}", highlight=False)


def render_triad(console: Console, result: Any) -> None:
    names = list(result.legs)
    table = Table(title=f"{'–'.join(result.countries)} triad ({result.freq})")
    for column in ("period", *names, "cohesion", "weakest", "balance"):
        table.add_column(column, justify="right")
    for p in result.points:
        legs = ["" if p.legs[n] is None else f"{p.legs[n]:+.2f}" for n in names]
        cohesion = "" if p.cohesion is None else f"{p.cohesion:+.2f}"
        table.add_row(p.period, *legs, cohesion, p.weakest or "", p.balance or "")
    console.print(table)
    for turn in result.turning_points:
        console.print(f"• cohesion turning point {turn.period}: {turn.direction} by {turn.size:+.2f}, moved most by "
                      f"{turn.driver}", highlight=False)


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
                  f"{report.counts['events']} event mentions, {report.counts['fused_events']} events)",
                  highlight=False)
    active = [p for p in report.series.points if p.events]
    render_series(console, report.series, report.findings, only_active=True)
    console.print(f"(months with events shown; {len(report.series.points) - len(active)} empty months omitted here, "
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

