"""Impact data from CSV over the API: a preview with per-row errors, then all or nothing, every
change in the impact history as a hand edit; hostile files get a clear 4xx, never a 500."""

import pytest
from sqlalchemy import func, select

from innovation.decisions.impact_import import MAX_ROWS, neutralize_formula
from innovation.decisions.models import Candidate, ImpactRevision, Round
from innovation.extensions import db

from ..ideas.helpers import Api
from .helpers import make_round


@pytest.fixture
def built(client, users):
    """(api as pm, round id, [(idea id, candidate id)] of three candidates)."""
    api, round_id, candidate_ids = make_round(client, users("pm"), users, method="approval")
    pairs = [(db.session.get(Candidate, cid).idea_id, cid) for cid in candidate_ids]
    return api, round_id, pairs


def post(api, round_id, csv, dry_run=True):
    return api.post(f"/rounds/{round_id}/impact-import", json={"csv": csv, "dry_run": dry_run})


def revisions() -> int:
    return db.session.scalar(select(func.count()).select_from(ImpactRevision))


def test_preview_then_import_lands_in_the_history_like_a_hand_edit(built):
    api, round_id, pairs = built
    (i1, c1), (i2, c2), _third = pairs
    csv = (
        "idea_id,cost,annual_benefit,cost_low,confidence,risk,sources\n"
        f'{i1},12k,"€40,000",10 000,80 %,High,Survey\n'
        f"{i2},,1.5m,,,,\n"
    )
    before = revisions()
    preview = post(api, round_id, csv)
    assert preview.status_code == 200, preview.get_json()
    assert preview.get_json() == {
        "rows": [
            {
                "row": 2,
                "candidate_id": c1,
                "impact": {
                    "cost": 12000.0,
                    "annual_benefit": 40000.0,
                    "cost_low": 10000.0,
                    "confidence": 80.0,
                    "risk": "high",
                    "sources": "Survey",
                },
            },
            {"row": 3, "candidate_id": c2, "impact": {"annual_benefit": 1500000.0}},
        ],
        "errors": [],
    }
    assert revisions() == before  # a preview saves nothing
    saved = post(api, round_id, csv, dry_run=False)
    assert saved.status_code == 200, saved.get_json()
    db.session.expire_all()
    first, second = db.session.get(Candidate, c1), db.session.get(Candidate, c2)
    assert (first.cost, first.annual_benefit, first.cost_low, first.risk) == (12000, 40000, 10000, "high")
    assert first.impact_version == 2 and second.impact_version == 2
    assert second.annual_benefit == 1_500_000 and second.reach == 800  # empty cells leave values alone
    revision = db.session.scalars(select(ImpactRevision).filter_by(candidate_id=c1, version=2)).one()
    assert revision.changes["cost"] == [10000, 12000] and revision.changes["risk"] == ["low", "high"]
    history = api.get(f"/rounds/{round_id}").get_json()["candidates"][0]["impact_history"]
    assert {h["version"] for h in history} == {1, 2}
    assert revisions() == before + 2


def test_an_import_with_any_error_is_refused_whole(built):
    api, round_id, pairs = built
    (i1, c1), (i2, c2), _third = pairs
    csv = f"idea_id,cost\n{i1},5000\n{i2},-3\n"
    preview = post(api, round_id, csv).get_json()
    assert [r["row"] for r in preview["rows"]] == [2]
    assert preview["errors"] == [{"row": 3, "message": "cost: “-3” is negative; amounts are zero or more."}]
    refused = post(api, round_id, csv, dry_run=False)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == "import_has_errors"
    assert error["fields"]["csv"] == ["Row 3: cost: “-3” is negative; amounts are zero or more."]
    db.session.expire_all()
    assert db.session.get(Candidate, c1).cost == 10000 and db.session.get(Candidate, c1).impact_version == 1


@pytest.mark.parametrize(
    ("csv", "row", "words"),
    [
        ("idea_id,cost,colour\n{i1},1\n", 1, "Unknown column: colour"),
        ("idea_id,cost,colour,size\n{i1},1,2,3\n", 1, "Unknown columns: colour, size"),
        ("cost\n5\n", 1, "needs an idea_id column"),
        ("idea_id,cost,cost\n{i1},1,2\n", 1, "Repeated column: cost"),
        ("idea_id|cost\n{i1}|5\n", 1, "separate them with commas or semicolons"),
        ("idea_id,cost\n", 0, "header but no rows"),
        ("idea_id,cost\n{i1},5,6\n", 2, "This row has 3 cells; the header has 2."),
        ("idea_id,cost\n{i1},5\n{i1},6\n", 3, "already on row 2"),
        ("idea_id,cost\n999999,5\n", 2, "Idea #999999 is not a candidate in this round"),
        ("idea_id,cost\nabc,5\n", 2, "is not an idea number"),
        ('idea_id,cost\n{i1},"5\n', 2, "cannot be read here"),
        ('idea_id,cost\n{i1},"5"x\n', 2, "cannot be read here"),
        ("idea_id,cost\n{i1},=1+1\n", 2, "cost: “=1+1” is not an amount"),
        ("idea_id,cost\n{i1},$5\n", 2, "in USD; amounts here are in EUR"),
        ("idea_id,risk\n{i1},extreme\n", 2, "Risk is low, medium or high."),
        ("idea_id,confidence\n{i1},150\n", 2, "between 0 and 100"),
        ("idea_id,cost_low,cost_high\n{i1},9000,8000\n", 2, "must not exceed"),
        ("idea_id,sources\n{i1},unknown\n", 2, "sources cannot be “unknown”"),
    ],
)
def test_per_row_and_file_errors(built, csv, row, words):
    api, round_id, pairs = built
    response = post(api, round_id, csv.replace("{i1}", str(pairs[0][0])))
    assert response.status_code == 200, response.get_json()
    errors = response.get_json()["errors"]
    assert any(e["row"] == row and words in e["message"] for e in errors), errors


def test_semicolons_a_bom_and_unknown_ranges(built):
    api, round_id, pairs = built
    (i1, c1) = pairs[0]
    api.patch(f"/rounds/{round_id}/candidates/{c1}", json={"cost_low": 1000})
    csv = "\ufeffIdea_ID;cost;cost_low;annual_benefit;effort_weeks;risk\r\n"
    csv += f"{i1};12.000,50;unknown;40k;Unknown;unknown\r\n"
    assert post(api, round_id, csv, dry_run=False).status_code == 200
    db.session.expire_all()
    saved = db.session.get(Candidate, c1)
    assert (saved.cost, saved.cost_low, saved.annual_benefit) == (12000.5, None, 40000)
    assert (saved.effort_weeks, saved.risk) == (None, None)  # "unknown": not known yet


def test_formulas_are_kept_as_text_that_no_spreadsheet_runs(built):
    api, round_id, pairs = built
    (i1, c1), (i2, c2), (i3, c3) = pairs
    csv = f"idea_id,sources\n{i1},\"=cmd|' /C calc'!A0\"\n{i2},+SUM(A1:A2)\n{i3},@evil\n"
    assert post(api, round_id, csv, dry_run=False).status_code == 200
    db.session.expire_all()
    sources = [db.session.get(Candidate, c).sources for c in (c1, c2, c3)]
    assert sources == ["'=cmd|' /C calc'!A0", "'+SUM(A1:A2)", "'@evil"]
    assert neutralize_formula("-2+3") == "'-2+3"
    assert neutralize_formula("- from the survey") == "- from the survey"
    assert neutralize_formula("Survey") == "Survey"


def test_too_many_rows_are_refused_with_a_clear_message(built):
    api, round_id, pairs = built
    i1 = pairs[0][0]
    csv = "idea_id,cost\n" + "".join(f"{i1},{n}\n" for n in range(10_000))
    response = post(api, round_id, csv)
    assert response.status_code == 200
    assert response.get_json() == {
        "rows": [],
        "errors": [
            {"row": 0, "message": f"The CSV has more than {MAX_ROWS} rows; import at most {MAX_ROWS} at a time."}
        ],
    }
    assert post(api, round_id, csv, dry_run=False).status_code == 422


def test_a_body_of_ten_megabytes_is_a_413(built):
    api, round_id, pairs = built
    response = post(api, round_id, "idea_id,sources\n" + "x" * 10_000_000)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"


def test_control_characters_are_refused_by_the_schema(built):
    api, round_id, pairs = built
    response = post(api, round_id, f"idea_id,sources\n{pairs[0][0]},a\x00b\n")
    assert response.status_code == 422


@pytest.mark.parametrize("role", ["customer", "employee"])
def test_only_pms_import(client, users, built, role):
    _api, round_id, pairs = built
    response = post(Api(client, users(role)), round_id, "idea_id,cost\n1,2\n")
    assert response.status_code in (403, 404)


def test_a_closed_round_refuses_even_a_preview(built):
    api, round_id, pairs = built
    round_ = db.session.get(Round, round_id)
    round_.status = "closed"
    db.session.commit()
    response = post(api, round_id, f"idea_id,cost\n{pairs[0][0]},5\n")
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "round_closed"
