"""What a round's result says, in one or two sentences a customer understands.

Computed from the result object of TALLY.md (never from the page), so the words cannot drift
from the count: who came first (or tied, or was funded), and how customers and employees
compared. Pure functions; the round page shows the sentences above the tables.
"""

from collections.abc import Mapping

from markupsafe import Markup

from .formatting import money, number, ordinal, percent

SIDES = ("customer", "employee")
SIDE_NAMES = {"customer": "customers", "employee": "employees"}


def _titles(ids, titles: Mapping[int, str]) -> Markup:
    """<strong>A</strong>, <strong>B</strong> and <strong>C</strong>"""
    parts = [Markup("<strong>{}</strong>").format(titles.get(int(cid), f"#{cid}")) for cid in ids]
    if len(parts) <= 1:
        return parts[0] if parts else Markup("")
    return Markup(", ").join(parts[:-1]) + Markup(" and ") + parts[-1]


def places(ranking: list[list[int]]) -> dict[int, int]:
    """Candidate id → its place (tied candidates share a place)."""
    return {cid: place for place, tier in enumerate(ranking, start=1) for cid in tier}


def disagreements(result: Mapping, limit: int = 5) -> list[dict]:
    """Candidates whose places differ most between customers and employees, biggest gap first
    (empty unless both sides voted)."""
    turnout = result.get("turnout") or {}
    if not all(turnout.get(side) for side in SIDES):
        return []
    parts = result["by_constituency"]
    customer, employee = places(parts["customer"]["ranking"]), places(parts["employee"]["ranking"])
    gaps = [
        {
            "candidate_id": cid,
            "customer_rank": customer[cid],
            "employee_rank": employee.get(cid),
            "gap": abs(customer[cid] - employee.get(cid, customer[cid])),
        }
        for cid in customer
    ]
    return sorted((g for g in gaps if g["gap"] > 0), key=lambda g: (-g["gap"], g["candidate_id"]))[:limit]


def _score(scores: Mapping[str, float], cid: int) -> float:
    return float(scores.get(str(cid), 0.0))


def _preferred_to_all(result: Mapping, winner: int) -> bool:
    """More ballot weight ranks `winner` above each other idea than the other way round."""
    pairwise = result.get("pairwise") or {}
    row = pairwise.get(str(winner), {})
    return bool(row) and all(share > pairwise.get(other, {}).get(str(winner), 0.0) for other, share in row.items())


def _lead(result: Mapping, titles: Mapping[int, str], currency: str) -> Markup:
    """The first sentence: what came out on top, in the method's own plain terms."""
    method = result["method"]
    combined = result["combined"]
    winners = [int(c) for c in combined.get("winners") or []]
    turnout = result["turnout"]
    both = all(turnout.get(side) for side in SIDES)
    if method == "budget":
        budget, spent = result.get("budget") or 0.0, result.get("spent") or 0.0
        funded = [int(c) for c in result.get("funded") or []]
        if not funded:
            return Markup("No idea could be funded within the budget of {}.").format(money(budget, currency))
        count = f"{len(funded)} {'idea' if len(funded) == 1 else 'ideas'}"
        return Markup("The budget of {} funds {}: {} ({} spent).").format(
            money(budget, currency), count, _titles(funded, titles), money(spent, currency)
        )
    if not winners:
        return Markup("No idea came out on top.")
    top = _score(combined["scores"], winners[0])
    if method in ("approval", "score") and top <= 1e-9:
        return Markup("No idea won any support: every ballot left every idea out.")
    sides_agree = both and all(
        [int(c) for c in result["by_constituency"][side]["winners"]] == winners for side in SIDES
    )
    if len(winners) > 1:
        if method == "ranked":
            return Markup("{} tied for first place: as many voters preferred one as the other.").format(
                _titles(winners, titles)
            )
        return Markup("{} tied for first place ({}).").format(_titles(winners, titles), _figure(method, top))
    (winner,) = winners
    who = "Most voters, in both groups," if sides_agree else "Most voters"
    if method == "ranked":
        if _preferred_to_all(result, winner):
            return Markup("{} preferred {} to every other idea.").format(who, _titles([winner], titles))
        # A Schulze winner without a direct majority over everyone: preferences went round in
        # a circle, and the strongest chains of preferences put it first.
        return Markup("{} came first: no idea was preferred to it once every chain of preferences was counted.").format(
            _titles([winner], titles)
        )
    if method == "approval":
        lead = "Customers and employees alike" if sides_agree else "Voters"
        return Markup("{} backed {} most: {} of the vote approved it.").format(
            lead, _titles([winner], titles), percent(top)
        )
    lead = "Customers and employees alike" if sides_agree else "Voters"
    return Markup("{} rated {} highest: {} out of 5 on average.").format(lead, _titles([winner], titles), number(top))


def _figure(method: str, value: float) -> str:
    if method == "score":
        return f"{number(value)} out of 5 on average"
    return f"{percent(value)} of the vote approved each"


def _sides(result: Mapping, titles: Mapping[int, str]) -> Markup | None:
    """The second sentence: one side absent, or where the two sides disagreed most."""
    turnout = result["turnout"]
    if not turnout.get("customer") and not turnout.get("employee"):
        return None
    for side, other in (("customer", "employee"), ("employee", "customer")):
        if not turnout.get(other):
            return Markup("Only {} voted ({} cast no ballots), so their choice decided the count.").format(
                SIDE_NAMES[side], SIDE_NAMES[other]
            )
    gaps = disagreements(result, limit=1)
    if not gaps:
        return Markup("Customers and employees put the ideas in the same order.")
    gap = gaps[0]
    employee_place = gap["employee_rank"]
    return Markup("Customers and employees disagreed most on {}: customers put it {}, employees {}.").format(
        _titles([gap["candidate_id"]], titles),
        ordinal(gap["customer_rank"]),
        ordinal(employee_place) if employee_place is not None else "nowhere",
    )


def result_sentences(result: Mapping | None, titles: Mapping[int, str], currency: str = "EUR") -> list[Markup]:
    """One or two sentences saying what the count decided and how the two sides compared."""
    if not result:
        return []
    turnout = result.get("turnout") or {}
    if not turnout.get("customer") and not turnout.get("employee"):
        return [Markup("Nobody voted in this round, so the count has no result.")]
    sentences = [_lead(result, titles, currency)]
    second = _sides(result, titles)
    if second is not None:
        sentences.append(second)
    return sentences


def side_share_text(result: Mapping, side: str) -> str:
    """A side's effective weight in the count: "50 %", or "no ballots" when it cast none, so
    "Employees 100 %" never stands next to "0 took part"."""
    if not (result.get("turnout") or {}).get(side):
        return "no ballots"
    return percent((result.get("weights") or {}).get(side))
