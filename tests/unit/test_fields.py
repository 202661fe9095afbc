"""Cell parsers: each rule refuses what it must and accepts what real lists carry."""

import datetime as dt

import pytest

from policytrack.ingest.fields import (
    FieldError,
    parse_choice,
    parse_count,
    parse_date,
    parse_roll_call,
    parse_sources,
)
from policytrack.schemas import check_http_url
from policytrack.vocab import Outcome, VoteOption

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "   javascript:alert(1)",
        "\tjavascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "  data:text/html,x",
        "vbscript:msgbox",
        "ftp://example.org/file",
        "//example.org/no-scheme",
        "https://",
        "https://exa mple.org/space",
    ],
)
def test_only_http_urls_are_accepted(url: str) -> None:
    with pytest.raises(ValueError, match=r"http|host"):
        check_http_url(url)


def test_http_urls_are_kept_without_surrounding_space() -> None:
    assert check_http_url("  https://wusf.org/a?b=c  ") == "https://wusf.org/a?b=c"
    assert check_http_url("HTTP://Example.org/") == "HTTP://Example.org/"


def test_sources_cell_refuses_one_bad_url_among_good_ones() -> None:
    with pytest.raises(FieldError, match="http"):
        parse_sources("https://ok.example/a javascript:alert(1)")
    assert [s.key for s in parse_sources("https://a.example/1  https://b.example/2")] == [
        "https://a.example/1",
        "https://b.example/2",
    ]


def test_a_record_without_sources_is_refused() -> None:
    with pytest.raises(FieldError, match="at least one source"):
        parse_sources("   ")


def test_counts() -> None:
    assert parse_count("") is None
    assert parse_count("3") == 3
    assert parse_count("3.0") == 3
    with pytest.raises(FieldError, match="negative"):
        parse_count("-1")
    with pytest.raises(FieldError, match="whole"):
        parse_count("three")


@pytest.mark.parametrize("written", [str(2**31), str(2**63), "99999999999999999999999", "10001"])
def test_counts_beyond_the_one_maximum_are_refused(written: str) -> None:
    with pytest.raises(FieldError, match="at most 10,000"):
        parse_count(written)


def test_counts_are_read_as_written_never_through_a_float() -> None:
    assert parse_count("10000") == 10_000 and parse_count("0010.00") == 10
    assert parse_count("-0") == 0


def test_dates_in_the_future_are_refused() -> None:
    assert parse_date("2025-06-17", TODAY) == dt.date(2025, 6, 17)
    assert parse_date("", TODAY) is None
    with pytest.raises(FieldError, match="future"):
        parse_date("2099-01-01", TODAY)
    with pytest.raises(FieldError, match="YYYY-MM-DD"):
        parse_date("17/06/2025", TODAY)


def test_roll_call_reads_names_as_printed() -> None:
    votes = parse_roll_call("Ralph “Rafael” Rosado: yes; Christine King: no; Sam Kaufman: absent")
    assert [(v.voter_name, v.option) for v in votes] == [
        ("Ralph “Rafael” Rosado", VoteOption.YES),
        ("Christine King", VoteOption.NO),
        ("Sam Kaufman", VoteOption.ABSENT),
    ]


def test_roll_call_refuses_unknown_options_and_repeated_names() -> None:
    with pytest.raises(FieldError, match="maybe"):
        parse_roll_call("A: maybe")
    with pytest.raises(FieldError, match="twice"):
        parse_roll_call("A: yes; A: no")


def test_choices_ignore_case() -> None:
    assert parse_choice(" Passed ", Outcome) is Outcome.PASSED
    with pytest.raises(FieldError, match="passed, failed"):
        parse_choice("won", Outcome)
