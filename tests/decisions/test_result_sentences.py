"""The plain-word sentences that open a round's results, computed by the real tally from
ballots for every method and edge case (ties, no ballots, one side without ballots)."""

import pytest

from innovation.decisions.formatting import money, number, ordinal, percent, score_words
from innovation.decisions.summary import disagreements, result_sentences, side_share_text
from innovation.voting.tally import tally

TITLES = {1: "Offline mode", 2: "Photo reports", 3: "Dark theme", 4: "Route planner"}
CANDIDATES = [{"id": cid, "cost": 10000.0 * cid} for cid in TITLES]
HALF = {"customer": 0.5, "employee": 0.5}


def ballots(side: str, form: str, *choices) -> list[dict]:
    return [{"constituency": side, form: choice} for choice in choices]


def sentences(method, votes, budget=None, currency="EUR") -> list[str]:
    result = tally(method, CANDIDATES, votes, HALF, budget)
    return [str(s) for s in result_sentences(result, TITLES, currency)]


def test_ranked_winner_both_groups_prefer_to_every_other_idea():
    votes = ballots("customer", "ranking", [1, 2, 3, 4], [1, 3, 2, 4]) + ballots("employee", "ranking", [1, 4, 2, 3])
    lead, sides = sentences("ranked", votes)
    assert lead == "Most voters, in both groups, preferred <strong>Offline mode</strong> to every other idea."
    # Customers tie Photo reports and Dark theme for 2nd; employees put Dark theme last (4th).
    assert (
        sides
        == "Customers and employees disagreed most on <strong>Dark theme</strong>: customers put it 2nd, employees 4th."
    )


def test_ranked_winner_of_one_group_only_drops_in_both_groups():
    votes = ballots("customer", "ranking", [1, 2, 3, 4], [1, 2, 3, 4]) + ballots(
        "employee", "ranking", [2, 1, 3, 4], [2, 1, 3, 4], [1, 2, 3, 4]
    )
    result = tally("ranked", CANDIDATES, votes, HALF)
    assert result["by_constituency"]["employee"]["winners"] == [2]
    lead, _sides = [str(s) for s in result_sentences(result, TITLES)]
    assert lead == "Most voters preferred <strong>Offline mode</strong> to every other idea."


def test_ranked_cycle_names_the_schulze_winner_without_claiming_a_majority_over_all():
    # A beats B, B beats C, C beats A (a cycle) with different strengths: Schulze picks one.
    votes = ballots("customer", "ranking", *([[1, 2, 3]] * 4 + [[2, 3, 1]] * 3 + [[3, 1, 2]] * 2)) + ballots(
        "employee", "ranking", *([[1, 2, 3]] * 4 + [[2, 3, 1]] * 3 + [[3, 1, 2]] * 2)
    )
    result = tally("ranked", CANDIDATES[:3], votes, HALF)
    (lead, _same) = [str(s) for s in result_sentences(result, TITLES)]
    assert result["combined"]["winners"] == [1]
    assert lead == (
        "<strong>Offline mode</strong> came first: no idea was preferred to it once every chain of preferences "
        "was counted."
    )
    assert _same == "Customers and employees put the ideas in the same order."


def test_ranked_tie_names_both_ideas():
    votes = ballots("customer", "ranking", [1, 2], [2, 1]) + ballots("employee", "ranking", [1, 2], [2, 1])
    lead, _ = sentences("ranked", votes)
    assert lead == (
        "<strong>Offline mode</strong> and <strong>Photo reports</strong> tied for first place: "
        "as many voters preferred one as the other."
    )


def test_no_ballots_says_nobody_voted():
    assert sentences("ranked", []) == ["Nobody voted in this round, so the count has no result."]
    assert sentences("budget", [], budget=50000) == ["Nobody voted in this round, so the count has no result."]
    assert result_sentences(None, TITLES) == []


def test_one_side_without_ballots_is_said_instead_of_a_comparison():
    lead, sides = sentences("approval", ballots("employee", "approvals", [2], [2, 3]))
    assert lead == "Voters backed <strong>Photo reports</strong> most: 100 % of the vote approved it."
    assert sides == "Only employees voted (customers cast no ballots), so their choice decided the count."
    _lead, sides = sentences("score", ballots("customer", "scores", {"1": 5}))
    assert sides == "Only customers voted (employees cast no ballots), so their choice decided the count."


def test_approval_agreeing_groups_and_ties():
    votes = ballots("customer", "approvals", [1, 2], [1]) + ballots("employee", "approvals", [1], [1, 3])
    lead, sides = sentences("approval", votes)
    assert (
        lead
        == "Customers and employees alike backed <strong>Offline mode</strong> most: 100 % of the vote approved it."
    )
    assert sides.startswith("Customers and employees disagreed most on")
    tie = ballots("customer", "approvals", [1, 2]) + ballots("employee", "approvals", [1, 2])
    lead, _ = sentences("approval", tie)
    assert lead == (
        "<strong>Offline mode</strong> and <strong>Photo reports</strong> tied for first place "
        "(100 % of the vote approved each)."
    )


def test_approval_with_empty_ballots_has_no_winner_in_words():
    lead, _ = sentences("approval", ballots("customer", "approvals", []) + ballots("employee", "approvals", []))
    assert lead == "No idea won any support: every ballot left every idea out."


def test_score_winner_with_average_in_plain_numbers():
    votes = ballots("customer", "scores", {"1": 4, "2": 5}) + ballots("employee", "scores", {"1": 5, "2": 4})
    lead, _ = sentences("score", votes)
    assert lead == (
        "<strong>Offline mode</strong> and <strong>Photo reports</strong> tied for first place "
        "(4.5 out of 5 on average)."
    )
    votes = ballots("customer", "scores", {"3": 4}) + ballots("employee", "scores", {"3": 5, "1": 1})
    lead, _ = sentences("score", votes)
    assert lead == "Customers and employees alike rated <strong>Dark theme</strong> highest: 4.5 out of 5 on average."


def test_budget_names_what_is_funded_in_the_sites_currency():
    votes = ballots("customer", "approvals", [1, 2]) + ballots("employee", "approvals", [1])
    lead, _ = sentences("budget", votes, budget=35000, currency="USD")
    assert (
        lead == "The budget of $35,000 funds 2 ideas: <strong>Offline mode</strong> and "
        "<strong>Photo reports</strong> ($30,000 spent)."
    )
    votes = ballots("customer", "approvals", [4]) + ballots("employee", "approvals", [4])
    lead, _ = sentences("budget", votes, budget=5000)
    assert lead == "No idea could be funded within the budget of €5,000."


def test_titles_are_escaped():
    titles = {1: "<script>x</script>", 2: "B"}
    result = tally("approval", CANDIDATES[:2], ballots("customer", "approvals", [1]), HALF)
    (lead, _only) = result_sentences(result, titles)
    assert "<script>" not in str(lead) and "&lt;script&gt;" in str(lead)


def test_disagreements_need_both_sides_and_sort_by_gap():
    votes = ballots("customer", "ranking", [1, 2, 3, 4]) + ballots("employee", "ranking", [4, 3, 2, 1])
    gaps = disagreements(tally("ranked", CANDIDATES, votes, HALF))
    assert [(g["candidate_id"], g["gap"]) for g in gaps] == [(1, 3), (4, 3), (2, 1), (3, 1)]
    assert disagreements(tally("ranked", CANDIDATES, ballots("customer", "ranking", [1, 2]), HALF)) == []


def test_a_side_without_ballots_shows_no_share_instead_of_100_percent():
    result = tally("approval", CANDIDATES, ballots("customer", "approvals", [1]), HALF)
    assert result["weights"] == {"customer": 1.0, "employee": 0.0}
    assert side_share_text(result, "customer") == "100 %"
    assert side_share_text(result, "employee") == "no ballots"


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (42000, "EUR", "€42,000"),
        (1234.56, "USD", "$1,235"),
        (0, "GBP", "£0"),
        (-500, "EUR", "−€500"),
        (1500000, "CHF", "CHF 1,500,000"),
        (None, "EUR", "—"),
    ],
)
def test_money(value, currency, shown):
    assert money(value, currency) == shown


def test_numbers_percentages_ordinals_and_scores_in_words():
    assert [number(v) for v in (4.5, 4.0, 12500, 0.04, None)] == ["4.5", "4", "12,500", "0", "—"]
    assert number(7560.4, 0) == "7,560"
    assert [percent(v) for v in (0.4312, 1.0, 0.0, 0.001, 0.998, 1.62, -0.3, None)] == [
        "43 %",
        "100 %",
        "0 %",
        "<1 %",
        ">99 %",
        "162 %",
        "−30 %",
        "—",
    ]
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]
    assert score_words("ranked", 3, candidates=4) == "preferred over all 3 other ideas"
    assert score_words("ranked", 2, candidates=4) == "preferred over 2 of 3 other ideas"
    assert score_words("ranked", 1, candidates=2) == "preferred over 1 of 1 other idea"
    assert score_words("score", 4.5) == "4.5 of 5"
    assert score_words("approval", 0.5) == "50 %"
    assert score_words("budget", 0.25) == "25 %"
    assert score_words("ranked", None) == "—"
