"""The ``detente`` command. Each command parses its arguments, calls one library function and renders the result;
this is the only place that prints or sets exit codes."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from detente.config import DATA_DIR, Settings, load_settings
from detente.errors import DetenteError

app = typer.Typer(
    name="detente",
    help="Read news, code political events (who did what to whom, when) and measure relations between countries.\n\n"
         "Example: detente demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DEMO_CORPUS = DATA_DIR / "demo" / "articles"


class Fmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


@dataclass
class State:
    """Options given before the command (--config, --set), read when a command first needs settings."""

    settings: Settings | None = None
    config: Path | None = None
    overrides: list[str] = field(default_factory=list)


state = State()

DbOption = Annotated[Path | None, typer.Option("--db", help="DuckDB store file (default: detente.duckdb here).")]


def _settings() -> Settings:
    if state.settings is None:
        state.settings = load_settings(state.config, state.overrides)
    return state.settings


@app.callback()
def _root(
    config: Annotated[Path | None, typer.Option("--config", help="YAML file of settings.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override a setting: key=value.")] = None,
) -> None:
    state.config = config
    state.overrides = list(set_ or [])
    state.settings = None


def _print_json(payload: object) -> None:
    """Indented JSON on stdout; dates and other non-JSON values as their string form."""
    sys.stdout.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2, default=str).decode() + "\n")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None]]:
    """A progress display on stderr; yields the callback the ingest runner calls after each batch."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} inputs"),
               TextColumn("{task.fields[events]} events"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None, events=0)
        found = 0

        def advance(inputs: int, events: int) -> None:
            nonlocal found
            found += events
            progress.update(task, advance=inputs, events=found)

        yield advance


def _db(db: Path | None) -> Path:
    return db if db is not None else _settings().db


@app.command()
def info() -> None:
    """Print versions: package, spaCy, the English pipeline (with a checksum of its files), lexicons, scale table
    and store schema.

    Example: detente info
    """
    from detente.commands import collect_info

    try:
        data = collect_info(_settings())
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    for key, value in data.items():
        out.print(f"[bold]{key:<18}[/] {value}", highlight=False)


@app.command()
def code(
    article: Annotated[Path | None, typer.Argument(help="Article file: wire text, HTML, JSON or plain text.")] = None,
    fmt: Annotated[Fmt, typer.Option("--format", help="table, json, or jsonl (with --jsonl).")] = Fmt.table,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Batch mode: lines of {id, text, published}.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date for text without a header.")] = None,
) -> None:
    """Print the events found in one article.

    Example: detente code story.txt --format json
    Batch:   detente code --jsonl in.jsonl --format jsonl > out.jsonl
    """
    from detente import commands

    try:
        if jsonl is not None:
            for line in commands.code_jsonl(jsonl, _settings()):
                sys.stdout.write(orjson.dumps(line).decode() + "\n")
            return
        if article is None:
            raise _fail("give an ARTICLE file or --jsonl FILE")
        results = commands.code_file(article, _settings(), published)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    from detente.cli.render import render_coded

    if fmt in (Fmt.json, Fmt.jsonl):
        payload = results[0] if len(results) == 1 else results
        _print_json(payload)
    else:
        render_coded(out, results)
    if any("rejected" in r for r in results) and not any("events" in r for r in results):
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) and glob patterns.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date for files without one.")] = None,
) -> None:
    """Ingest news files into the store: articles, events and rejects. Re-running on the same input adds nothing.

    Example: detente ingest news/ 'more/*.jsonl' --db relations.duckdb
    """
    from detente.cli.render import render_ingest_summary
    from detente.commands import run_ingest

    try:
        with _progress() as advance:
            summary = run_ingest(paths, _db(db), _settings(), published, advance)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    render_ingest_summary(out, summary)
    if summary.processed == 0 and summary.duplicates == 0:
        raise typer.Exit(1)


FREQ_HELP = "day, week, month, quarter or year."


def _check_freq(freq: str, allowed: tuple[str, ...] = ("day", "week", "month", "quarter", "year")) -> None:
    if freq not in allowed:
        raise _fail(f"--freq must be one of {', '.join(allowed)}, not {freq!r}")


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="Country: ISO code or name, e.g. KOR or 'South Korea'.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    freq: Annotated[str, typer.Option(help=FREQ_HELP)] = "month",
    fmt: Annotated[Fmt, typer.Option("--format", help="table, json or csv.")] = Fmt.table,
    direction: Annotated[str, typer.Option(help="both, forward (A->B) or backward (B->A).")] = "both",
    from_: Annotated[str | None, typer.Option("--from", help="First period, e.g. 2015-01.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last period, e.g. 2023-12.")] = None,
    with_meta: Annotated[bool, typer.Option("--with-meta", help="JSON: {meta, series} instead of a list.")] = False,
    db: DbOption = None,
) -> None:
    """Print the relations series between two countries: per period the number of events, Goldstein sum and mean,
    QuadClass counts, cooperation share and the relations index with its bootstrap interval; the table adds
    "lowest/highest since", turning points and reciprocity. Every period is listed, empty ones too.

    Example: detente dyad KOR JPN --freq quarter --format json
    """
    from detente.cli.render import render_series
    from detente.commands import dyad_command

    _check_freq(freq)
    if direction not in ("both", "forward", "backward"):
        raise _fail(f"--direction must be both, forward or backward, not {direction!r}")
    try:
        _, _, series, found = dyad_command(a, b, _db(db), _settings(), freq, direction, from_, to)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    if fmt == Fmt.json:
        payload: object = series.to_json() if with_meta else [p.to_json() for p in series.points]
        _print_json(payload)
    elif fmt == Fmt.csv:
        sys.stdout.write("period,events,goldstein_sum,goldstein_mean,quad1,quad2,quad3,quad4,coop_share,index,"
                         "ci_low,ci_high\n")
        for p in series.points:
            cells = [p.goldstein_mean, *(p.quad[k] for k in "1234"), p.coop_share, p.index, p.ci_low, p.ci_high]
            text = ",".join("" if v is None else (f"{v:.4f}" if isinstance(v, float) else str(v)) for v in cells)
            sys.stdout.write(f"{p.period},{p.events},{p.goldstein_sum:.3f},{text}\n")
    else:
        render_series(out, series, found)


@app.command()
def findings(
    a: Annotated[str, typer.Argument(help="Country: ISO code or name.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    freq: Annotated[str, typer.Option(help=FREQ_HELP)] = "month",
    period: Annotated[str | None, typer.Option(help="The period to judge (default: the latest with events).")] = None,
    fmt: Annotated[Fmt, typer.Option("--format", help="table or json.")] = Fmt.table,
    db: DbOption = None,
) -> None:
    """Say how a dyad stands: lowest/highest since when (respecting the intervals), turning points with the
    events that explain them, and reciprocity (A->B answered by B->A, best lag).

    Example: detente findings KOR JPN --period 2019-08
    """
    from detente.cli.render import render_findings
    from detente.commands import findings_command

    _check_freq(freq)
    try:
        _, _, _, found = findings_command(a, b, _db(db), _settings(), freq, period)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    if fmt == Fmt.json:
        _print_json(found.to_json())
    else:
        render_findings(out, found)


@app.command()
def chains(
    a: Annotated[str, typer.Argument(help="Country: ISO code or name.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    window_days: Annotated[int, typer.Option(help="How long after an act a reply can come.", min=1)] = 90,
    fmt: Annotated[Fmt, typer.Option("--format", help="table or json.")] = Fmt.table,
    limit: Annotated[int, typer.Option(help="At most this many chains in the table.", min=1)] = 10,
    db: DbOption = None,
) -> None:
    """Print response chains: A->B answered by B->A answered by A->B..., each link a retaliation (conflict for
    conflict) or a reciprocation (cooperation for cooperation), with dates, codes and sentences.

    Example: detente chains KOR JPN --window-days 365
    """
    from detente.cli.render import render_chains
    from detente.commands import chains_command

    try:
        code_a, code_b, found = chains_command(a, b, _db(db), _settings(), window_days)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    if fmt == Fmt.json:
        _print_json([c.to_json() for c in found])
    else:
        render_chains(out, code_a, code_b, found, limit)


@app.command()
def triad(
    a: Annotated[str, typer.Argument(help="First country.")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    c: Annotated[str, typer.Argument(help="Third country.")],
    freq: Annotated[str, typer.Option(help="month, quarter or year.")] = "quarter",
    fmt: Annotated[Fmt, typer.Option("--format", help="table or json.")] = Fmt.table,
    db: DbOption = None,
) -> None:
    """Print a triad: the three legs' relations index, the cohesion index (the weakest leg), the structural
    balance sign per period, and which leg moved cohesion most at each turning point.

    Example: detente triad USA KOR JPN --freq year
    """
    from detente.cli.render import render_triad
    from detente.commands import triad_command

    _check_freq(freq, ("month", "quarter", "year"))
    try:
        result = triad_command(a, b, c, _db(db), _settings(), freq)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    if fmt == Fmt.json:
        _print_json(result.to_json())
    else:
        render_triad(out, result)


@app.command(name="import-events")
def import_events_cmd(
    path: Annotated[Path, typer.Argument(help="A file or folder of coded events (plain, .gz or .zip).")],
    fmt: Annotated[str, typer.Option("--format", help="icews, icews-decoded, gdelt or csv.")],
    db: DbOption = None,
) -> None:
    """Bring coded events from ICEWS, GDELT 2.0 or a plain CSV into the store (no evidence text; the source is
    recorded), so every analysis runs on them. Re-importing adds nothing.

    Example: detente import-events icews.2018.tab --format icews --db relations.duckdb
    """
    from detente.commands import import_command

    try:
        summary = import_command(path, fmt, _db(db), _settings())
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    out.print(f"[bold]import[/]: {summary.rows_read} row(s) read from {len(summary.files)} file(s): "
              f"{summary.imported} imported, {summary.duplicates} duplicate(s) skipped, "
              f"{summary.rows_rejected} rejected", highlight=False)
    for reason, count in sorted(summary.rejected.items()):
        out.print(f"  rejected {count} row(s): {reason}", highlight=False)
    for example in summary.examples[:10]:
        out.print(f"    e.g. {example.input_ref}: {example.message}", highlight=False)
    for bad in summary.bad_files:
        out.print(f"  [red]skipped file[/] {bad.input_ref}: {bad.reason}: {bad.message}", highlight=False)
    if summary.imported == 0 and summary.duplicates == 0:
        raise typer.Exit(1)


@app.command(name="export")
def export_cmd(
    what: Annotated[str, typer.Argument(help="series or events.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet or json.")] = "csv",
    a: Annotated[str | None, typer.Option("--a", help="Country (events: involving it; series: required).")] = None,
    b: Annotated[str | None, typer.Option("--b", help="Second country (the dyad).")] = None,
    freq: Annotated[str, typer.Option(help=FREQ_HELP)] = "month",
    db: DbOption = None,
) -> None:
    """Export fused events or a dyad series with stable column names (see docs/exports.md).

    Example: detente export series --a KOR --b JPN --format parquet -o kor-jpn.parquet
    """
    from detente.commands import export_command

    if what not in ("series", "events"):
        raise _fail(f"export what: series or events, not {what!r}")
    if fmt not in ("csv", "parquet", "json"):
        raise _fail(f"--format must be csv, parquet or json, not {fmt!r}")
    try:
        result = export_command(what, fmt, output, _db(db), _settings(), a, b, freq)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    out.print(f"wrote {result.rows} row(s) of {result.what} to {result.path} ({result.fmt})", highlight=False)


@app.command()
def events(
    a: Annotated[str, typer.Argument(help="Country: ISO code or name.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    from_: Annotated[str | None, typer.Option("--from", help="First month, e.g. 2019-01.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last month, e.g. 2019-12.")] = None,
    fmt: Annotated[Fmt, typer.Option("--format", help="table or json.")] = Fmt.table,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 1000,
    db: DbOption = None,
) -> None:
    """List the fused events between two countries (either direction): date, code, number of reports and sources,
    and one evidence sentence each.

    Example: detente events KOR JPN --from 2019-01 --to 2019-12 --format json
    """
    from detente.cli.render import render_events
    from detente.commands import event_json, events_command

    try:
        code_a, code_b, rows = events_command(a, b, _db(db), _settings(), from_, to, limit)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    if fmt == Fmt.json:
        _print_json([event_json(r) for r in rows])
    else:
        render_events(out, code_a, code_b, rows)


@app.command()
def brief(
    a: Annotated[str, typer.Argument(help="Country: ISO code or name.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    with_: Annotated[str | None, typer.Option("--with", help="A third country: adds the triad section.")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="First month, e.g. 2015-01.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last month, e.g. 2023-12.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Write a short report on a dyad in the register of a CRS note: state and trend with numbers, turning
    points, response chains, the trilateral effect (--with) and key events, every claim citing its evidence;
    charts made offline and embedded.

    Example: detente brief KOR JPN --with USA --format html -o kor-jpn.html
    """
    from detente.commands import brief_command

    if fmt not in ("md", "html"):
        raise _fail(f"--format must be md or html, not {fmt!r}")
    try:
        text = brief_command(a, b, _db(db), _settings(), with_, from_, to, fmt)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        out.print(f"wrote the {a}–{b} brief to {output}", highlight=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (reads need the token off localhost).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
) -> None:
    """Run the dashboard and JSON API over a store (the server owns the store file while it runs; ingest
    through POST /api/articles). Writes need a bearer token from DETENTE_TOKEN.

    Example: DETENTE_TOKEN=secret detente serve --db relations.duckdb --port 8000
    """
    from detente.web.app import serve as run_server

    try:
        run_server(_settings(), _db(db), host, port)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def demo(
    db: Annotated[Path | None, typer.Option("--db", help="Store to use (default: a temporary file).")] = None,
    brief_dir: Annotated[Path, typer.Option("--brief-dir", help="Where to write the demo brief.")] = Path("out"),
) -> None:
    """Ingest the bundled demo corpus and print the South Korea-Japan relations report.

    Example: detente demo --db demo.duckdb
    """
    from detente.cli.render import render_demo, render_ingest_summary
    from detente.commands import demo_report, run_ingest, write_demo_briefs

    with tempfile.TemporaryDirectory(prefix="detente-demo-") as tmp:
        path = db if db is not None else Path(tmp) / "demo.duckdb"
        try:
            with _progress() as advance:
                summary = run_ingest([str(DEMO_CORPUS)], path, _settings(), None, advance)
            report = demo_report(path, _settings())
        except DetenteError as exc:
            raise _fail(str(exc)) from exc
        render_ingest_summary(out, summary)
        render_demo(out, report)
        try:
            written = write_demo_briefs(path, _settings(), brief_dir)
        except DetenteError as exc:
            raise _fail(str(exc)) from exc
        out.print(f"\nThe KOR–JPN brief (with USA) is in {written[1]} (and {written[0].name} beside it).",
                  highlight=False)
        if db is not None:
            out.print(f"Store: {path}  (try: detente dyad KOR JPN --db {path})", highlight=False)


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file: JSONL lines {id, published, text, events, tags}, or a "
                                              "reference file of the kind --dataset names.")],
    fmt: Annotated[Fmt, typer.Option("--format", help="table or json.")] = Fmt.table,
    errors: Annotated[int, typer.Option(help="Also list this many sentences the coder got wrong.")] = 0,
    dataset: Annotated[str, typer.Option("--dataset", help="What the file is: gold (ours), petr2 (PETRARCH-2 "
                                         "validation XML), plover (PLOVER GSR JSON) or conflibert (class TSV). "
                                         "See docs/accuracy.md.")] = "gold",
) -> None:
    """Score the event coder against a gold file: P/R/F1 on (source, target, CAMEO root), then code, sector,
    polarity, modality and date accuracy among matches, and F1 per tagged phenomenon and per root. With
    --dataset, score against a public reference set with that set's conventions instead.

    Example: detente eval tests/golden/dev.jsonl --format json
    Example: detente eval ../shared/data/plover/PLOVER_GSR_CAMEO.json --dataset plover
    """
    from detente.cli.render import render_eval
    from detente.evaluate import Report, evaluate
    from detente.evaluate.adapters import Dataset, evaluate_dataset
    from detente.runners.pipeline import make_coder

    if dataset not in {d.value for d in Dataset}:
        raise _fail(f"--dataset must be one of {', '.join(d.value for d in Dataset)}, not {dataset!r}")
    try:
        coder = make_coder(_settings())
        report = evaluate(gold, coder) if dataset == Dataset.gold else evaluate_dataset(dataset, gold, coder)
    except DetenteError as exc:
        raise _fail(str(exc)) from exc
    if fmt == Fmt.json:
        _print_json(report.to_json())
    elif isinstance(report, Report):
        render_eval(out, report, errors)
    else:
        out.print(f"[bold]{dataset}[/]: " + ", ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in report.headline().items()),
            highlight=False)
        for miss in report.errors[:errors]:
            out.print(f"[yellow]{miss['id']}[/] {miss['text']}\n   gold  {miss['gold']}\n   found {miss['found']}",
                      highlight=False)


def main() -> None:
    """Entry point: library errors become one clear line; anything unexpected is reported without a traceback
    unless DETENTE_DEBUG=1 asks for it."""
    try:
        app()
    except DetenteError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("DETENTE_DEBUG"):
            raise
        err.print(f"[bold red]internal error:[/] {type(exc).__name__}: {exc} (set DETENTE_DEBUG=1 for details)",
                  highlight=False)
        sys.exit(3)


__all__ = ["app", "main"]
