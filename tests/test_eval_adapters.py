"""The reference-set adapters: readers on tiny made-up files in each format, the code and category mappings, the
scoring arithmetic, and (marked ``shared``) the real files when ../shared/data is present."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import make_event
from detente.errors import InputPathError
from detente.evaluate import GoldEvent, GoldItem
from detente.evaluate.adapters import (
    NO_EVENT_CLASS,
    PENTA_CLASS,
    REFERENCE_FILES,
    ClassGold,
    Dataset,
    PloverEvent,
    PloverGold,
    evaluate_dataset,
    parse_petrarch_actor,
    plover_type,
    predict_class,
    read_conflibert,
    read_petrarch,
    read_plover,
    score_conflibert,
    score_petrarch,
    score_plover,
    top_organisation,
)
from detente.records import Event, Plover
from detente.runners.pipeline import Coder

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

# Made-up sentences in the PETRARCH validation layout: a commented header, self-closed <Sentence .../> tags
# closed later by </Sentence>, XML comments inside records, a no-event record and one with an empty <Text>.
PETRARCH_SNIPPET = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
#  header comment that mentions <EventCoding...> in passing
<Sentences>
<Sentence category="AFP" date="20110315" id="made_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="NORGOV" targetcode="ISL" />
<EventCoding eventcode="036" sourcecode="ISL" targetcode="NORGOV" />
<!-- <EventCoding eventcode="190" sourcecode="ISL" targetcode="NOR" /> commented out -->
<Text>
The Norwegian premier flew to Reykjavik, where Iceland
said it was ready to meet him.
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
</Parse>
</Sentence>

<Sentence category="TEST" date="120101" id="made_2" evaluate="true">
<EventCoding noevents="True" />
<Text>Fishing boats left the harbour at dawn.</Text>
</Sentence>

<Sentence category="OTHER" date="20130202" id="made_3" evaluate="true"/>
<EventCoding eventcode="080" sourcecode="IGOUNOMIL" targetcode="---REB" />
<Text>
</Text>
<Parse>
1	Blue	blue	ADJ	JJ	_	2	amod	_	_
2	helmets	helmet	NOUN	NNS	_	3	nsubj	_	_
3	yielded	yield	VERB	VBD	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_
</Parse>
</Sentence>
</Sentences>
</Validation>
"""


def _actor(country: str) -> dict[str, str]:
    return {"actorText": country.title(), "code": country}


# Made-up records in the PLOVER GSR layout.
PLOVER_RECORDS = [
    {"id": "DOC-1", "event": "DOCUMENT", "comment": "header"},
    {"id": "R-1", "date": "2000-01-01", "event": "DEMAND", "source": [_actor("NOR")], "target": [_actor("ISL")],
     "text": "Norway demanded that Iceland stop whaling.", "textInfo": {"markup": "(SRC: Norway) (EVT: demanded)"}},
    {"id": "R-2", "date": "2000-01-01", "event": "AGREE", "source": [_actor("NOR"), _actor("ISL")], "target": "",
     "text": "Norway and Iceland agreed to share fish stocks.",
     "textInfo": {"markup": "(SRC/TAR: Norway) and (SRC/TAR: Iceland) (EVT: agreed)"}},
    {"id": "R-3", "date": "2000-01-01", "event": "FIGHT", "source": [{"code": "JAP", "sector": "MIL***"}],
     "target": [_actor("CHN"), {"code": "IGO", "sector": "GOV"}],
     "text": "Japanese troops clashed with Chinese and UN forces.", "textInfo": {"markup": ""}},
    {"id": "R-4", "date": "2000-01-01", "event": "RETREAT", "source": [_actor("ISL")],
     "text": "Iceland resigned from the whaling board.", "textInfo": "plain"},
    {"id": "R-5", "date": "2000-01-01", "event": "DISAPPROVE", "source": [_actor("ISL")], "target": [_actor("NOR")],
     "text": "Norway demanded that Iceland stop whaling.", "textInfo": {"markup": ""}},
    {"id": "R-4", "date": "2000-01-01", "event": "INVESTIGATE", "source": [_actor("NOR")], "target": [_actor("ISL")],
     "text": "Norway opened an inquiry into Icelandic quotas.", "textInfo": {"markup": ""}},
]

CONFLIBERT_SNIPPET = ("Iceland said the talks went well.\t0\r\nNorway and Iceland will meet next week.\t1\r\n"
                      "\r\nNorwegian ships shelled an Icelandic trawler.\t4\r\n")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _event(source: str, target: str, cameo: str, plover: str | None = None, confidence: float = 0.9,
           trigger: int = 0) -> Event:
    event = make_event(source=source, target=target, cameo=cameo)
    return dataclasses.replace(event, plover=Plover(plover, None), confidence=confidence,
                               evidence=dataclasses.replace(event.evidence, trigger=(trigger, trigger + 3)))


# ------------------------------------------------------------------------------------------------ PETRARCH-2

@pytest.mark.parametrize(("code", "expected"), [
    ("USA", ("USA", None)),
    ("GUYJUD", ("GUY", "JUD")),
    ("IRQGOVMIL", ("IRQ", "GOV")),
    ("---LEG", ("", "LEG")),
    ("---", ("", None)),
    ("IGOUNO", ("IGO:UN", None)),
    ("IGOUNOMIL", ("IGO:UN", "MIL")),
    ("IGOEUREEC", ("IGO:EU", None)),
    ("IGOCOPITP", ("IGO:INTERPOL", None)),
    ("IGOUNOREFHCR", ("IGO:UNHCR", None)),
    ("IGOXYZ", ("IGO", None)),
    ("IMGMUSISI", ("IMG", "MUS")),
    ("KSV", ("XKX", None)),
])
def test_petrarch_actor_codes(code: str, expected: tuple[str, str | None]) -> None:
    assert parse_petrarch_actor(code) == expected


def test_read_petrarch_snippet(tmp_path: Path) -> None:
    items = read_petrarch(_write(tmp_path, "v.xml", PETRARCH_SNIPPET))
    assert [i.id for i in items] == ["made_1", "made_2", "made_3"]
    first = items[0]
    assert first.text == "The Norwegian premier flew to Reykjavik, where Iceland said it was ready to meet him."
    assert first.published == "2011-03-15" and first.tags == ("afp",)
    assert [(e.source, e.source_sector, e.target, e.cameo) for e in first.events] == [
        ("NOR", "GOV", "ISL", "042"), ("ISL", None, "NOR", "036")]  # the commented-out coding is not read
    assert items[1].events == () and items[1].published == "2012-01-01"  # PETRARCH's short YYMMDD
    assert items[2].text == "Blue helmets yielded."  # rebuilt from the parse
    assert items[2].events[0].triple == ("IGO:UN", "", "08")
    assert items[2].events[0].target_sector == "REB"


def test_top_organisation_follows_parents() -> None:
    parents = {"IGO:UNSC": "IGO:UN", "IGO:UN": None, "IGO:LOOP": "IGO:LOOP"}
    assert top_organisation("IGO:UNSC", parents) == "IGO:UN"
    assert top_organisation("IGO:LOOP", parents) == "IGO:LOOP"
    assert top_organisation("KOR", parents) == "KOR"


def test_score_petrarch_found_and_spurious() -> None:
    items = [
        GoldItem("a", "t", None, None, (GoldEvent("NOR", "ISL", "042"), GoldEvent("ISL", "NOR", "036"))),
        GoldItem("b", "t", None, None, ()),
        GoldItem("c", "t", None, None, (GoldEvent("IGO:UN", "SYR", "080"),)),
    ]
    found = {
        "a": [_event("NOR", "ISL", "043")],  # right triple, other full code; ISL->NOR missed
        "b": [_event("NOR", "ISL", "111")],  # nothing expected: spurious
        "c": [_event("IGO:UNSC", "SYR", "080"), _event("SYR", "IGO:UN", "080")],  # organ counts as the UN
    }
    result = score_petrarch(items, found, {"IGO:UNSC": "IGO:UN"})
    t = result.report.triples
    assert (t.tp, t.fp, t.fn) == (2, 2, 1)
    head = result.headline()
    assert head["found"] == pytest.approx(2 / 3) and head["spurious"] == pytest.approx(0.5)
    assert head["expected"] == 3 and head["ours"] == 4
    assert result.report.full_code.tp == 1
    assert result.expected_none == 1 and result.spurious_on_none == 1
    assert result.to_json()["dataset"] == "petr2"


# ------------------------------------------------------------------------------------------------ PLOVER

@pytest.mark.parametrize(("old", "new"), [
    ("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"),
    ("AGREE", "AGREE"), ("assault", "ASSAULT"), ("MOBILIZE", "MOBILIZE"),
])
def test_plover_2016_categories(old: str, new: str) -> None:
    assert plover_type(old) == new


def test_plover_unknown_category_is_an_input_error() -> None:
    with pytest.raises(InputPathError, match="unknown PLOVER event category"):
        plover_type("MAKE_STATEMENT")


def test_read_plover_snippet(tmp_path: Path) -> None:
    gold = read_plover(_write(tmp_path, "g.json", json.dumps(PLOVER_RECORDS)))
    assert [i.id for i in gold.items] == ["R-1+R-5", "R-2", "R-3", "R-4", "R-4#2"]  # header skipped, ids unique
    by_id = {i.id: i for i in gold.items}
    assert by_id["R-1+R-5"].published == "2000-01-01" and by_id["R-1+R-5"].events == ()
    triples = {k: sorted(e.triple for e in v) for k, v in gold.events.items()}
    assert triples["R-1+R-5"] == [("ISL", "NOR", "ACCUSE"), ("NOR", "ISL", "REQUEST")]  # merged sentence
    assert triples["R-2"] == [("ISL", "NOR", "AGREE"), ("NOR", "ISL", "AGREE")]  # reciprocal both ways
    assert triples["R-3"] == [("JPN", "CHN", "ASSAULT"), ("JPN", "IGO", "ASSAULT")]  # typo fixed, every pair
    assert triples["R-4"] == [("ISL", "", "RETREAT")]  # no target
    assert triples["R-4#2"] == [("NOR", "ISL", "ACCUSE")]
    fight = gold.events["R-3"][0]
    assert fight.source_sector == "MIL" and fight.category_2016 == "FIGHT"


def test_read_plover_rejects_a_non_array(tmp_path: Path) -> None:
    with pytest.raises(InputPathError, match="JSON array"):
        read_plover(_write(tmp_path, "g.json", '{"id": 1}'))


def test_score_plover_arithmetic() -> None:
    gold = PloverGold(
        [GoldItem("x", "t", "2000-01-01", None, ()), GoldItem("y", "t", "2000-01-01", None, ())],
        {"x": (PloverEvent("NOR", "ISL", "REQUEST"), PloverEvent("NOR", "IGO", "ACCUSE")),
         "y": (PloverEvent("ISL", "", "RETREAT"),)})
    found = {
        "x": [_event("NOR", "ISL", "100", "REQUEST"), _event("NOR", "IGO:UN", "111", "ACCUSE"),
              _event("NOR", "ISL", "010", None)],  # untyped (CAMEO 01): left out
        "y": [_event("ISL", "NOR", "087", "RETREAT")],  # wrong target: misses the triple, matches (source, type)
    }
    report = score_plover(gold, found)
    t = report.triples
    assert (t.tp, t.fp, t.fn) == (2, 1, 1)
    assert (report.source_type.tp, report.source_type.fp, report.source_type.fn) == (3, 0, 0)
    assert report.untyped == 1
    assert report.by_type["RETREAT"].fn == 1 and report.by_type["REQUEST"].tp == 1
    assert report.headline()["spurious"] == pytest.approx(1 / 3)
    assert [e["id"] for e in report.errors] == ["y"]


# ------------------------------------------------------------------------------------------------ ConfliBERT

def test_penta_classes_of_the_cameo_roots() -> None:
    assert [PENTA_CLASS[f"{r:02d}"] for r in range(1, 21)] == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3,
                                                                4, 4, 4, 4, 4, 4, 4]


def test_read_conflibert_snippet(tmp_path: Path) -> None:
    gold = read_conflibert(_write(tmp_path, "c.tsv", CONFLIBERT_SNIPPET))
    assert [(i.id, i.text) for i in gold.items] == [
        ("line-1", "Iceland said the talks went well."), ("line-2", "Norway and Iceland will meet next week."),
        ("line-4", "Norwegian ships shelled an Icelandic trawler.")]
    assert gold.labels == {"line-1": 0, "line-2": 1, "line-4": 4}


@pytest.mark.parametrize("bad", ["no tab here\r\n", "A sentence.\t7\r\n", "A sentence.\tx\r\n"])
def test_read_conflibert_rejects_bad_lines(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InputPathError, match=r"c\.tsv:1"):
        read_conflibert(_write(tmp_path, "c.tsv", bad))


def test_predict_class_takes_the_most_confident_then_first_event() -> None:
    assert predict_class([]) is None
    assert predict_class([_event("NOR", "ISL", "190", confidence=0.6), _event("NOR", "ISL", "042")]) == 1
    assert predict_class([_event("NOR", "ISL", "111", trigger=20), _event("NOR", "ISL", "070", trigger=5)]) == 2


def test_score_conflibert_accuracy_and_macro_f1() -> None:
    items = [GoldItem(f"s{i}", "t", None, None, ()) for i in range(4)]
    gold = ClassGold(items, {"s0": 0, "s1": 1, "s2": 4, "s3": 4})
    found = {"s1": [_event("NOR", "ISL", "040")], "s2": [_event("NOR", "ISL", "190")],
             "s3": [_event("NOR", "ISL", "111"), _event("NOR", "ISL", "180", confidence=0.5)]}
    report = score_conflibert(gold, found)  # s0: no event -> class 0 (right); s3: predicted 3, gold 4
    assert report.sentences == 4 and report.no_event == 1
    assert report.accuracy == pytest.approx(0.75)
    assert report.no_event_share == pytest.approx(0.25)
    assert report.accuracy_with_event == pytest.approx(2 / 3)
    assert report.any_match == 3
    # per-class F1: 0 -> 1.0, 1 -> 1.0, 3 -> 0 (one false positive), 4 -> 2/3 (tp 1, fn 1); class 2 absent -> 0
    assert report.macro_f1 == pytest.approx((1 + 1 + 0 + 0 + 2 / 3) / 5)
    assert report.confusion[4][3] == 1 and report.confusion[0][NO_EVENT_CLASS] == 1
    assert [e["id"] for e in report.errors] == ["s3"]


# ------------------------------------------------------------------------------------------------ errors

@pytest.mark.parametrize("reader", [read_petrarch, read_plover, read_conflibert])
def test_readers_raise_input_path_error_for_a_missing_file(tmp_path: Path, reader: Callable[[Path], object]) -> None:
    with pytest.raises(InputPathError, match=r"no such .* file"):
        reader(tmp_path / "absent")


# ------------------------------------------------------------------------------------------------ real files

def _shared_file(kind: Dataset) -> Path:
    path = SHARED / REFERENCE_FILES[kind]
    if not path.is_file():
        pytest.skip(f"reference data not present: {path}")
    return path


@pytest.mark.shared
def test_real_petrarch_file_counts() -> None:
    items = read_petrarch(_shared_file(Dataset.petr2))
    assert len(items) == 78
    assert sum(len(i.events) for i in items) == 80
    assert sum(not i.events for i in items) == 12
    assert all(i.text and i.published for i in items)
    codes = {(e.source, e.target) for i in items for e in i.events}
    assert ("IGO:UN", "IRN") in codes and ("UKR", "IGO:EU") in codes


@pytest.mark.shared
def test_real_plover_file_counts() -> None:
    gold = read_plover(_shared_file(Dataset.plover))
    assert len(gold.items) == 316  # 322 records, six sentences appear twice
    assert set(gold.events) == {i.id for i in gold.items}
    kinds = {e.type for events in gold.events.values() for e in events}
    assert kinds <= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                     "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert {"DEMAND", "FIGHT"} <= {e.category_2016 for events in gold.events.values() for e in events}


@pytest.mark.shared
def test_real_conflibert_file_counts() -> None:
    gold = read_conflibert(_shared_file(Dataset.conflibert))
    assert len(gold.items) == 451
    assert sorted(list(gold.labels.values()).count(c) for c in range(5)) == sorted([56, 80, 57, 150, 108])


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("kind", [Dataset.petr2, Dataset.plover, Dataset.conflibert])
def test_real_sets_run_end_to_end(coder: Coder, kind: Dataset) -> None:
    report = evaluate_dataset(kind, _shared_file(kind), coder)
    head = report.headline()
    assert head["sentences"] > 0
    assert all(0.0 <= v <= 1.0 for k, v in head.items() if isinstance(v, float))
    assert report.to_json()["dataset"] == kind.value


# ------------------------------------------------------------------------------------------------ CLI

def test_cli_eval_refuses_an_unknown_dataset(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from detente.cli import app

    result = CliRunner().invoke(app, ["eval", str(tmp_path / "x"), "--dataset", "acled"])
    assert result.exit_code == 2
    assert "--dataset must be one of gold, petr2, plover, conflibert" in result.stderr


@pytest.mark.model
def test_cli_eval_scores_a_plover_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from detente.cli import app

    path = _write(tmp_path, "g.json", json.dumps(PLOVER_RECORDS))
    result = CliRunner().invoke(app, ["eval", str(path), "--dataset", "plover", "--format", "json"])
    assert result.exit_code == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["dataset"] == "plover" and report["sentences"] == 5 and report["expected"] == 8
