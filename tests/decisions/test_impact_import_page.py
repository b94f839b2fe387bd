"""The CSV import page: works without JavaScript (paste or upload, preview, save), shows per-row
errors, refuses bad uploads with a clear message, and offers the current numbers as CSV with
formulas neutralized."""

import io
import re

import pytest

from innovation.decisions import services as rounds
from innovation.decisions.models import Candidate
from innovation.extensions import db

from ..conftest import csrf_from
from ..home.helpers import ideas_by
from .helpers import IMPACT


@pytest.fixture
def setup(client, users, auth):
    pm, author = users("pm"), users("customer")
    ideas = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_ = rounds.create_round(pm, title="Spring planning round", method="approval")
    candidates = [rounds.add_candidate(pm, round_.id, idea.id, IMPACT) for idea in ideas]
    db.session.commit()
    auth.login(pm.email)
    path = f"/rounds/{round_.id}/impact-import"
    return path, round_, candidates


def csrf(client, path):
    return csrf_from(client.get(path).get_data(as_text=True))


def test_the_page_starts_from_the_current_numbers_and_the_round_links_to_it(client, setup):
    path, round_, candidates = setup
    html = client.get(path).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    textarea = re.search(r'<textarea id="csv"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert textarea.startswith("idea_id,cost,cost_low,cost_high,annual_benefit,")
    assert f"{candidates[0].idea_id},12000,unknown,unknown,30000," in textarea
    assert path in client.get(f"/rounds/{round_.id}").get_data(as_text=True)


def test_preview_marks_the_error_row_then_the_fixed_csv_is_saved(client, setup):
    path, _round, (first, second) = setup
    token = csrf(client, path)
    bad = f'idea_id,cost,annual_benefit\n{first.idea_id},15k,"€45,000"\n{second.idea_id},lots,50000\n'
    preview = client.post(path, data={"csv": bad, "preview": "1", "csrf_token": token})
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert 'class="import-row-error" id="row-3"' in html and "cost: “lots” is not an amount" in html
    assert "1 row ready, " in html and "1 row with errors" in html
    assert 'name="save"' not in html  # no saving while a row is wrong
    # A forged save of the wrong CSV is refused whole and shows the same rows.
    forged = client.post(path, data={"csv": bad, "save": "1", "csrf_token": token})
    assert forged.status_code == 422 and 'id="row-3"' in forged.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Candidate, first.id).cost == 12000
    fixed = bad.replace("lots", "20k")
    preview = client.post(path, data={"csv": fixed, "preview": "1", "csrf_token": token}).get_data(as_text=True)
    assert "2 rows ready." in preview and 'class="import-row-error"' not in preview
    hidden = re.search(r'<input type="hidden" name="csv" value="([^"]*)"', preview).group(1)
    assert "20k" in hidden
    saved = client.post(path, data={"csv": fixed, "save": "1", "csrf_token": token})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("#impact")
    db.session.expire_all()
    assert (db.session.get(Candidate, first.id).cost, db.session.get(Candidate, first.id).annual_benefit) == (
        15000,
        45000,
    )
    assert db.session.get(Candidate, second.id).cost == 20000


def test_an_uploaded_file_is_previewed_and_shown_in_the_text(client, setup):
    path, _round, (first, _second) = setup
    body = f"\ufeffidea_id;cost\r\n{first.idea_id};12.000,50\r\n".encode()
    data = {"csv": "", "file": (io.BytesIO(body), "impact.csv"), "preview": "1", "csrf_token": csrf(client, path)}
    response = client.post(path, data=data, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html
    assert "<strong>€12,001</strong>" in html or "<strong>€12,000</strong>" in html
    assert f"{first.idea_id};12.000,50" in html


def test_a_file_that_is_not_utf8_is_a_clear_error(client, setup):
    path, _round, (first, _second) = setup
    body = f"idea_id,sources\n{first.idea_id},Caf\xe9 survey\n".encode("latin-1")
    data = {"file": (io.BytesIO(body), "impact.csv"), "preview": "1", "csrf_token": csrf(client, path)}
    response = client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "The file is not UTF-8 text" in response.get_data(as_text=True)


def test_a_ten_megabyte_upload_is_a_413_page(client, setup):
    path, _round, _candidates = setup
    # The body is built here: the test client would spool a file this large to a temporary file
    # that nothing closes once the request is refused unread.
    head = f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf(client, path)}\r\n'
    head += '--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
    body = head.encode() + b"x" * 10_000_000 + b"\r\n--b--\r\n"
    response = client.post(path, data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert "larger than we accept" in response.get_data(as_text=True)


def test_wrong_columns_and_ten_thousand_rows_are_clear_errors(client, setup):
    path, _round, (first, _second) = setup
    token = csrf(client, path)
    html = client.post(path, data={"csv": "id,price\n1,2\n", "csrf_token": token}).get_data(as_text=True)
    assert "Unknown columns: id, price" in html
    many = "idea_id,cost\n" + f"{first.idea_id},1\n" * 10_000
    response = client.post(path, data={"csv": many, "csrf_token": token})
    assert response.status_code == 200
    assert "more than 500 rows" in response.get_data(as_text=True)


def test_the_export_neutralizes_formulas(client, setup):
    path, round_, (first, _second) = setup
    rounds.update_impact(rounds_pm(first), round_.id, first.id, {"sources": '=HYPERLINK("http://x")'})
    db.session.commit()
    response = client.get(f"/rounds/{round_.id}/impact.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "'=HYPERLINK" in response.get_data(as_text=True)


def rounds_pm(candidate):
    return db.session.get(Candidate, candidate.id).round.created_by


def test_customers_cannot_open_the_page(client, users, auth, setup):
    path, _round, _candidates = setup
    auth.logout()
    customer = users("customer")
    auth.login(customer.email)
    assert client.get(path).status_code in (403, 404)
