"""Amounts as people type them (decisions/amounts.py): what is read, and what is refused with
a message that says what to write instead."""

import pytest

from innovation.decisions.amounts import AmountError, amount_text, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12000", 12000),
        ("12k", 12000),
        ("12 K", 12000),
        ("12K", 12000),
        ("1.5m", 1_500_000),
        ("1.5 M", 1_500_000),
        ("2mn", 2_000_000),
        ("1bn", 1e9),
        ("0.5k", 500),
        ("1.500k", 1500),  # a suffix makes the dot a decimal point
        ("1,5k", 1500),
        ("12,000", 12000),
        ("1,234,567", 1_234_567),
        ("12 000", 12000),
        ("12\u00a0000", 12000),
        ("12\u202f000", 12000),
        ("1'500", 1500),
        ("€12,000", 12000),
        ("€ 12,000", 12000),
        ("12,000 €", 12000),
        ("12.000,50 €", 12000.5),
        ("EUR 12000", 12000),
        ("eur 12000", 12000),
        ("12000 EUR", 12000),
        ("EUR12k", 12000),
        ("12,000.50", 12000.5),
        ("12.000,50", 12000.5),
        ("1.234.567", 1_234_567),
        ("1.234.567,89", 1_234_567.89),
        ("12,5", 12.5),
        ("12,50", 12.5),
        ("12.5", 12.5),
        ("0.125", 0.125),  # a leading zero is never a thousands group
        ("0", 0),
        ("  42  ", 42),
        ("1000000000000", 1e12),
    ],
)
def test_reads_human_amounts(text, value):
    assert parse_amount(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Enter an amount"),
        ("   ", "Enter an amount"),
        ("-12", "negative"),
        ("−12k", "negative"),
        ("-€12", "negative"),
        ("€ -12", "negative"),
        ("EUR -5", "negative"),
        ("abc", "not an amount"),
        ("nan", "not an amount"),
        ("NaN", "not an amount"),
        ("inf", "not an amount"),
        ("infinity", "not an amount"),
        ("1e6", "not an amount"),
        ("12..5", "more than one decimal point"),
        ("1,2,3", "comma"),
        ("12,0000", "comma"),
        ("1,23456", "comma"),
        ("12.000", "ambiguous"),
        ("1.2.3", "more than one decimal point"),
        ("1,000.000,5", "cannot be read"),
        ("12,34.5", "cannot be read"),
        ("$12,000", "in USD; amounts here are in EUR"),
        ("12000 GBP", "in GBP"),
        ("1000000000001", "largest amount"),
        ("2000bn", "largest"),
        ("5000bn", "largest"),
        ("12 k 5", "not an amount"),
        ("12k€k", "not an amount"),
        ("€", "not an amount"),
        ("=1+1", "not an amount"),
        ("1" * 50, "too long"),
        ("12-15k", "not an amount"),
        ("(12)", "not an amount"),
    ],
)
def test_refuses_with_a_clear_message(text, words):
    with pytest.raises(AmountError) as refused:
        parse_amount(text)
    assert words in str(refused.value)


def test_the_site_currency_decides_which_sign_is_ours():
    assert parse_amount("$12,000", currency="USD") == 12000
    assert parse_amount("CHF 1.5k", currency="chf") == 1500
    with pytest.raises(AmountError, match="in EUR; amounts here are in USD"):
        parse_amount("€5", currency="USD")


def test_a_smaller_maximum_is_kept():
    assert parse_amount("100", maximum=100) == 100
    with pytest.raises(AmountError, match="largest"):
        parse_amount("101", maximum=100)


def test_non_text_is_refused():
    with pytest.raises(AmountError):
        parse_amount(12)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, 0.5, 12, 999, 1000, 12000, 12000.5, 1234.56, 1_500_000, 1e12])
def test_form_text_reads_back_the_same(value):
    text = amount_text(value)
    assert parse_amount(text) == pytest.approx(value)


def test_form_text():
    assert amount_text(None) == ""
    assert amount_text(12000) == "12,000"
    assert amount_text(12000.5) == "12,000.5"
    assert amount_text(0) == "0"
