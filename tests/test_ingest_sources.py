"""Discovery, decoding, format dispatch (HTML, JSON, JSON Lines, plain text) and every ingest rejection."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from detente.config import Settings
from detente.errors import REJECT_REASONS, ConfigError, InputPathError
from detente.ingest import AgencyTable, discover_paths, load_agencies, parse_document, read_inputs
from detente.ingest.sources import detect_format
from detente.records import Article, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def agencies() -> AgencyTable:
    return load_agencies()


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


def parse(
    data: bytes | str, agencies: AgencyTable, *, suffix: str = "", settings: Settings | None = None
) -> list[Article | Rejected]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return parse_document(raw, "input" + suffix, settings or Settings(), agencies, suffix=suffix)


def rejected(results: list[Article | Rejected], reason: str) -> Rejected:
    assert len(results) == 1, results
    result = results[0]
    assert isinstance(result, Rejected), result
    assert result.reason == reason, result
    assert result.stage == "ingest"
    assert result.message and "\n" not in result.message
    return result


def only_article(results: list[Article | Rejected]) -> Article:
    assert len(results) == 1, results
    assert isinstance(results[0], Article), results[0]
    return results[0]


# --- discovery -------------------------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ["a.txt", "b.html", "sub/c.json", "sub/deeper/d.jsonl", ".hidden.txt", ".git/e.txt", "sub/.f.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text\n", encoding="utf-8")
    return tmp_path


def test_discover_folder_is_recursive_and_skips_hidden(tree: Path) -> None:
    found = discover_paths([str(tree)])
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "a.txt",
        "b.html",
        "sub/c.json",
        "sub/deeper/d.jsonl",
    ]


def test_discover_files_globs_sorted_and_deduplicated(tree: Path) -> None:
    found = discover_paths([str(tree / "sub" / "c.json"), str(tree / "**" / "*.json*"), str(tree / "a.txt")])
    assert [p.relative_to(tree).as_posix() for p in found] == ["a.txt", "sub/c.json", "sub/deeper/d.jsonl"]
    assert found == sorted(found, key=str)


def test_discover_glob_matching_a_folder_expands_it(tree: Path) -> None:
    found = discover_paths([str(tree / "su*")])
    assert [p.name for p in found] == ["c.json", "d.jsonl"]


def test_discover_relative_glob(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert discover_paths(["*.txt"]) == [Path("a.txt")]


def test_discover_missing_path_names_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    with pytest.raises(InputPathError, match=r"nowhere\.txt"):
        discover_paths([str(tmp_path / "a.txt"), str(tmp_path / "nowhere.txt")])


def test_discover_glob_matching_nothing_names_it(tree: Path) -> None:
    with pytest.raises(InputPathError, match=r"\*\.pdf"):
        discover_paths([str(tree / "*.pdf")])


def test_discover_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputPathError, match="empty"):
        discover_paths([str(tmp_path / "empty")])


# --- read_inputs ------------------------------------------------------------------------------------------------


def test_read_inputs_parses_and_cleans_each_file(tmp_path: Path, agencies: AgencyTable, settings: Settings) -> None:
    story = (FIXTURES / "yonhap_wire.txt").read_text(encoding="utf-8")
    doubled = tmp_path / "doubled.txt"
    doubled.write_text(story + "\n".join(story.splitlines()[2:]) + "\n", encoding="utf-8")
    shutil.copy(FIXTURES / "stories.jsonl", tmp_path / "stories.jsonl")

    results = list(read_inputs(discover_paths([str(tmp_path)]), settings, agencies))

    assert [r.input_ref for r in results] == [
        str(doubled),
        f"{tmp_path / 'stories.jsonl'}:1",
        f"{tmp_path / 'stories.jsonl'}:2",
        f"{tmp_path / 'stories.jsonl'}:3",
    ]
    first = results[0]
    assert isinstance(first, Article)
    assert len(first.body) == 3 and first.removed and first.removed[0].reason == "repeated-paragraphs"
    assert [type(r).__name__ for r in results[1:]] == ["Article", "Rejected", "Article"]


def test_too_large_file_is_rejected_before_reading(tmp_path: Path, agencies: AgencyTable) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 2_000)
    results = list(read_inputs([big], Settings(max_input_bytes=5_000), agencies))
    result = rejected(results, "too-large")
    assert result.message == "file is 10.0 kB, over the 5.0 kB limit"
    assert result.input_ref == str(big)


def test_too_large_message_in_megabytes(agencies: AgencyTable) -> None:
    result = rejected(parse(b"x" * 7_200_000, agencies, settings=Settings()), "too-large")
    assert result.message == "file is 7.2 MB, over the 5.0 MB limit"


def test_unreadable_file_is_rejected_and_the_batch_goes_on(tmp_path: Path, agencies: AgencyTable) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Officials met on Monday to discuss trade.\n", encoding="utf-8")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    results = list(read_inputs([tmp_path / "gone.txt", folder, good], Settings(), agencies))
    assert [getattr(r, "reason", "ok") for r in results] == ["unreadable", "unreadable", "ok"]
    rejected(results[:1], "unreadable")
    assert isinstance(results[2], Article)


def test_permission_denied_is_unreadable(
    tmp_path: Path, agencies: AgencyTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("text", encoding="utf-8")

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    result = rejected(list(read_inputs([locked], Settings(), agencies)), "unreadable")
    assert "Permission denied" in result.message


# --- decoding ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n"])
def test_empty_inputs(data: bytes, agencies: AgencyTable) -> None:
    rejected(parse(data, agencies, suffix=".txt"), "empty")


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x00\x00 zip archive", bytes(range(1, 9)) * 20 + b"some text", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
)
def test_binary_inputs(data: bytes, agencies: AgencyTable) -> None:
    rejected(parse(data, agencies), "binary")


def test_undecodable_input(agencies: AgencyTable) -> None:
    rejected(parse(bytes(range(0x80, 0x100)) * 3, agencies, suffix=".txt"), "undecodable")


def test_utf16_with_byte_order_mark(agencies: AgencyTable) -> None:
    text = "Envoys met in Geneva on Monday.\nThey agreed to meet again."
    article = only_article(parse(text.encode("utf-16"), agencies, suffix=".txt"))
    assert article.body == ("Envoys met in Geneva on Monday.", "They agreed to meet again.")


def test_utf8_bom_and_crlf(agencies: AgencyTable) -> None:
    data = b"\xef\xbb\xbfTrade talks\r\nMinisters met on Monday.\r\nThey agreed on quotas.\r\n"
    article = only_article(parse(data, agencies, suffix=".txt"))
    assert article.title == "Trade talks"
    assert article.body == ("Ministers met on Monday.", "They agreed on quotas.")


def test_legacy_encoding_is_detected(agencies: AgencyTable) -> None:
    text = (
        "Le ministre des affaires étrangères a déclaré mercredi que la coopération régionale était "
        "essentielle et que les échanges économiques seraient élargis après la réunion de l'été.\n"
    ) * 3
    article = only_article(parse(text.encode("cp1252"), agencies, suffix=".txt"))
    assert "étrangères" in article.text


# --- format dispatch -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "suffix", "fmt"),
    [
        ("<html><body><p>x</p></body></html>", "", "html"),
        ("  <!DOCTYPE html>\n<HTML><BODY>x", ".dat", "html"),
        ("<p>Officials met.</p>", "", "html"),
        ('{"text": "x"}', "", "json"),
        ('[{"text": "x"}]', "", "json"),
        ('{"text": "x"}\n{"text": "y"}\n', "", "jsonl"),
        ("[Photo] Officials met on Monday.", "", "text"),
        ("<Officials> met.", "", "text"),
        ("<html><body><p>x</p></body></html>", ".txt", "text"),
        ('{"text": "x"}', ".html", "html"),
        ("x", ".JSONL", "jsonl"),
        ("x", ".ndjson", "jsonl"),
        ("x", ".htm", "html"),
    ],
)
def test_detect_format(text: str, suffix: str, fmt: str) -> None:
    assert detect_format(text, suffix) == fmt


# --- HTML -------------------------------------------------------------------------------------------------------


def test_html_page(agencies: AgencyTable) -> None:
    article = only_article(parse((FIXTURES / "page.html").read_bytes(), agencies, suffix=".html"))

    assert article.input_format == "html"
    assert article.title == "Leaders agree to reopen hotline"
    assert article.source == "Kyodo"
    assert article.byline == "Hanako Sato"
    assert article.url == "https://news.example.org/2023/03/04/hotline"
    assert article.published == datetime(2023, 3, 4, 15, 20, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert article.dateline == "TOKYO"
    assert len(article.body) == 3
    assert article.body[0].startswith("The leaders of two neighbouring countries")
    assert article.body[-1].endswith("scientists and businesses.")
    assert "Home" not in article.text and "Copyright" not in article.text


def test_html_sniffed_without_suffix(agencies: AgencyTable) -> None:
    article = only_article(parse((FIXTURES / "page.html").read_bytes(), agencies))
    assert article.input_format == "html"


def test_html_without_main_text(agencies: AgencyTable) -> None:
    rejected(parse((FIXTURES / "empty_page.html").read_bytes(), agencies, suffix=".html"), "no-main-text")
    rejected(parse("<html><body></body></html>", agencies, suffix=".html"), "no-main-text")


# --- JSON and JSON Lines ---------------------------------------------------------------------------------------


def test_json_list(agencies: AgencyTable) -> None:
    results = parse((FIXTURES / "stories.json").read_bytes(), agencies, suffix=".json")
    assert all(isinstance(r, Article) for r in results)
    first, second = results
    assert isinstance(first, Article) and isinstance(second, Article)

    assert first.input_ref == "input.json#0"
    assert first.title == "Envoys meet in Geneva"
    assert first.source == "Reuters"
    assert first.url == "https://example.org/a"
    assert first.dateline == "GENEVA"
    assert first.body == ("Envoys from the two countries met on Monday.", "They agreed to meet again in May.")
    assert first.published == datetime(2023, 4, 3, 8, 0, tzinfo=UTC)
    assert first.published_text == "2023-04-03T10:00:00+02:00"
    assert first.input_format == "json"

    # A naive time is read in the source's zone; the source name is made canonical.
    assert second.source == "Yonhap"
    assert second.published == datetime(2023, 4, 4, 9, 30, tzinfo=ZoneInfo("Asia/Seoul"))


def test_json_single_object_and_fallbacks(agencies: AgencyTable) -> None:
    published = datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
    results = parse_document(
        b'{"text": "Officials met.\\n\\nThey talked.", "published": "last Tuesday"}',
        "one.json",
        Settings(),
        agencies,
        suffix=".json",
        published=published,
    )
    article = only_article(results)
    assert article.input_ref == "one.json"
    assert article.body == ("Officials met.", "They talked.")
    assert article.published is None  # given but unparseable: kept as text only
    assert article.published_text == "last Tuesday"

    article = only_article(
        parse_document(b'{"text": "Officials met."}', "two.json", Settings(), agencies, published=published)
    )
    assert article.published == published


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"title": "no text here"}', "no 'text' field"),
        (b'{"text": 42}', "'text' must be a string"),
        (b'{"text": "ok", "title": ["a"]}', "'title' must be a string"),
        (b'"just a string"', "expected an object or a list"),
        (b'{"text": "unterminated', "invalid JSON"),
        (b"[1]", "expected a JSON object"),
    ],
)
def test_bad_json(data: bytes, fragment: str, agencies: AgencyTable) -> None:
    result = rejected(parse(data, agencies, suffix=".json"), "bad-json")
    assert fragment in result.message


def test_jsonl_with_one_bad_line(agencies: AgencyTable) -> None:
    results = parse_document(
        (FIXTURES / "stories.jsonl").read_bytes(), "feed.jsonl", Settings(), agencies, suffix=".jsonl"
    )
    assert [r.input_ref for r in results] == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3"]
    first, bad, third = results
    assert isinstance(first, Article) and isinstance(third, Article)
    rejected([bad], "bad-json")
    assert isinstance(bad, Rejected) and "line 2" in bad.message

    assert first.source == "AP"
    assert first.published == datetime(2023, 5, 11, 8, 0, tzinfo=UTC)
    assert first.body == ("An aid convoy crossed the border on Thursday.", "It carried food and medicine.")
    assert first.input_format == "jsonl"
    assert third.published == datetime(2023, 5, 12, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_jsonl_sniffed_without_suffix(agencies: AgencyTable) -> None:
    data = b'{"text": "One."}\n{"text": "Two."}\n'
    results = parse(data, agencies)
    assert [r.input_ref for r in results] == ["input:1", "input:2"]
    assert all(isinstance(r, Article) and r.input_format == "jsonl" for r in results)


# --- plain text -------------------------------------------------------------------------------------------------


def test_plain_text_with_title(agencies: AgencyTable) -> None:
    published = datetime(2023, 7, 1, 12, 0, tzinfo=UTC)
    results = parse_document(
        (FIXTURES / "plain_story.txt").read_bytes(), "p.txt", Settings(), agencies, suffix=".txt", published=published
    )
    article = only_article(results)
    assert article.input_format == "text"
    assert article.title == "Ministers discuss fisheries quota"
    assert article.body == (
        "Fisheries ministers from three coastal states met on Tuesday to discuss next year's catch limits.",
        "They agreed to share survey data before the next round of talks.",
    )
    assert article.published == published
    assert article.source is None and article.byline is None


def test_plain_text_without_title(agencies: AgencyTable) -> None:
    article = only_article(parse("Officials met on Monday.\nThey agreed on a plan.\n", agencies, suffix=".txt"))
    assert article.title is None
    assert article.published is None
    assert article.body == ("Officials met on Monday.", "They agreed on a plan.")

    long_first = "Word " * 40
    article = only_article(parse(f"{long_first}\nSecond line.\n", agencies, suffix=".txt"))
    assert article.title is None and len(article.body) == 2


def test_plain_text_naive_published_argument_is_read_in_the_default_zone(agencies: AgencyTable) -> None:
    article = only_article(
        parse_document(
            b"Officials met.", "p.txt", Settings(default_zone="Asia/Seoul"), agencies, published=datetime(2023, 1, 2)
        )
    )
    assert article.published == datetime(2023, 1, 2, tzinfo=ZoneInfo("Asia/Seoul"))


def test_bad_header_reason_is_reached_from_a_file(tmp_path: Path, agencies: AgencyTable) -> None:
    results = list(read_inputs([FIXTURES / "bad_header.txt"], Settings(), agencies))
    rejected(results, "bad-header")


# --- agencies ---------------------------------------------------------------------------------------------------


def test_agency_lookup(agencies: AgencyTable) -> None:
    agency = agencies.lookup("  yonhap news  agency ")
    assert agency is not None and agency.name == "Yonhap" and agency.zone == "Asia/Seoul"
    assert agencies.canonical("The Associated Press") == "AP"
    assert agencies.canonical("Some Blog") == "Some Blog"
    assert agencies.lookup(None) is None
    assert "Kyodo News" in agencies


def test_bad_agencies_file_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "agencies.yaml"
    path.write_text(
        "agencies:\n"
        "  - {name: Good, forms: [Good], zone: UTC}\n"
        "  - {name: '', forms: [X], zone: Mars/Olympus}\n"
        "  - {name: Odd, forms: [Odd], zone: UTC, numeric_dates: XYZ}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_agencies(path)
    message = str(caught.value)
    assert "3 problem(s)" in message
    assert "agencies[1]" in message and "Mars/Olympus" in message and "agencies[2]" in message


# --- robustness --------------------------------------------------------------------------------------------------


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                ["By YonhapPublished : Mar. 4, 2023 - 15:20", "SEOUL --", "(Yonhap)", "{", "}", '"text":', "<p>",
                 "<html>", "\n", " ", "Title", "Published", "(END)", "[", "]", "\x00", "\xff", "Sept. 3,"]
            ),
            max_size=30,
        ).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    ),
    suffix=st.sampled_from(["", ".txt", ".html", ".json", ".jsonl", ".dat"]),
)  # fmt: skip
def test_parse_document_never_raises(data: bytes, suffix: str, agencies: AgencyTable) -> None:
    results = parse_document(data, "fuzz", Settings(), agencies, suffix=suffix)
    assert results
    for result in results:
        assert isinstance(result, Article | Rejected)
        if isinstance(result, Rejected):
            assert result.reason in REJECT_REASONS
        else:
            assert result.body and all(p.strip() for p in result.body)


def test_every_ingest_reject_reason_is_reachable(tmp_path: Path, agencies: AgencyTable) -> None:
    """Each ingest code in REJECT_REASONS comes out of read_inputs for some file."""
    cases = {
        "empty": ("empty.txt", b""),
        "binary": ("image.dat", b"\x89PNG\r\n\x1a\n\x00\x00"),
        "undecodable": ("odd.txt", bytes(range(0x80, 0x100)) * 3),
        "too-large": ("big.txt", b"word " * 300),
        "no-main-text": ("menu.html", (FIXTURES / "empty_page.html").read_bytes()),
        "bad-json": ("bad.json", b'{"title": "no text"}'),
        "bad-header": ("header.txt", (FIXTURES / "bad_header.txt").read_bytes()),
    }
    paths = []
    for name, data in cases.values():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    paths.append(tmp_path / "missing.txt")  # unreadable
    results = list(read_inputs(paths, Settings(max_input_bytes=1_000), agencies))
    reasons = [r.reason if isinstance(r, Rejected) else "article" for r in results]
    assert reasons == [*cases, "unreadable"]
    assert set(reasons) == set(REJECT_REASONS) - {"parse-failed"}
