"""Lexicon and scale files: the packaged ones validate; broken ones fail with every problem at file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.config import Settings
from detente.errors import LexiconError
from detente.extract.words import Words
from detente.lexicon import load_lexicon, load_scale
from detente.lexicon.loader import Lexicon
from detente.resolve.names import country_code
from detente.resolve.scale import Scorer


def test_packaged_lexicon_loads(settings: Settings) -> None:
    lexicon = load_lexicon(settings.lexicon_dirs)
    assert len(lexicon.countries) >= 197
    assert {"KOR", "PRK", "JPN", "USA", "TWN", "XKX", "PSE", "VAT"} <= set(lexicon.countries)
    assert "IGO:UN" in lexicon.organisations
    assert len(lexicon.version) == 12


def test_republic_of_korea_is_south_korea(settings: Settings) -> None:
    lexicon = load_lexicon(settings.lexicon_dirs)
    assert "Republic of Korea" in [*lexicon.countries["KOR"].aliases, lexicon.countries["KOR"].official]
    prk = lexicon.countries["PRK"]
    assert "Republic of Korea" not in prk.aliases + prk.adjectives + prk.capitals


def test_people_have_dated_roles(settings: Settings) -> None:
    from datetime import date

    lexicon = load_lexicon(settings.lexicon_dirs)
    abe = next(p for p in lexicon.people.values() if p.name == "Shinzo Abe")
    assert abe.role_on(date(2019, 7, 4)) is not None
    assert abe.role_on(date(2022, 3, 1)) is None


def test_errors_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        'version: "1"\n'
        "countries:\n"
        "  - code: KOR\n"
        "    name: South Korea\n"
        "  - code: korea\n"
        "    name: Bad\n"
        "patterns:\n"
        "  - id: x.bad\n"
        '    cameo: "163"\n'
        "    verbs: [impose]\n"
        "    target: [sideways]\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon([tmp_path])
    problems = caught.value.problems
    assert any(p.startswith(f"{tmp_path / 'bad.yaml'}:5:") and "code" in p for p in problems), problems
    assert any(p.startswith(f"{tmp_path / 'bad.yaml'}:8:") and "target" in p for p in problems), problems


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("countries:\n  - code: [KOR\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken.yaml:\d+: not valid YAML"):
        load_lexicon([tmp_path])


def test_user_folder_overrides_packaged_entries(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        'version: "1"\ncountries:\n  - code: KOR\n    name: South Korea\n    aliases: [Hanguk]\n', encoding="utf-8"
    )
    lexicon = load_lexicon([*settings.lexicon_dirs, tmp_path])
    assert lexicon.countries["KOR"].aliases == ["Hanguk"]


def test_scale_matches_published_goldstein_weights(settings: Settings) -> None:
    scorer = Scorer(load_scale(settings.scale_file))
    for code, weight, quad in [
        ("042", 1.9, 1),
        ("163", -8.0, 4),
        ("057", 8.0, 1),
        ("190", -10.0, 4),
        ("111", -2.0, 3),
        ("081", 5.0, 2),
        ("0211", 3.4, 1),
    ]:
        score = scorer.score(code)
        assert score is not None and score.goldstein == weight and score.quad_class == quad, code


def test_every_scale_code_has_a_plover_mapping_or_none(settings: Settings) -> None:
    scale = load_scale(settings.scale_file)
    types = {c.plover.type for c in scale.codes} - {None}
    assert types <= {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
    assert len(scale.codes) >= 290


def test_duplicate_scale_code_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "scale.yaml"
    path.write_text(
        'version: "1"\nroots:\n  - {root: "01", name: x, quad_class: 1}\ncodes:\n'
        '  - {code: "010", name: a, goldstein: 0}\n  - {code: "010", name: b, goldstein: 0}\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="already defined"):
        load_scale(path)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KOR", "KOR"),
        ("kor", "KOR"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Japan", "JPN"),
        ("the United States", "USA"),
        ("North Korea", "PRK"),
        ("UN", "IGO:UN"),
    ],
)
def test_country_arguments(settings: Settings, text: str, code: str) -> None:
    assert country_code(text, load_lexicon(settings.lexicon_dirs)) == code


def test_unknown_country_argument(settings: Settings) -> None:
    assert country_code("Atlantis", load_lexicon(settings.lexicon_dirs)) is None


def test_a_word_list_the_coder_needs_is_required(settings: Settings) -> None:
    with pytest.raises(LexiconError, match="speech-verbs"):
        Words.from_lexicon(Lexicon())
    words = Words.from_lexicon(load_lexicon(settings.lexicon_dirs))
    assert "say" in words.speech_verbs and ("give", "up") in words.meaning_particles
