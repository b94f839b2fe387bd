"""Shared helpers for the ideas tests: bearer-token API calls."""

from innovation.accounts.services import issue_api_token
from innovation.extensions import db


class Api:
    """Calls /api/v1 as one user with a bearer token."""

    def __init__(self, client, user=None):
        self.client = client
        self.headers = {}
        if user is not None:
            # Issued directly: the token endpoint itself is tested in tests/api, and going
            # through it for every test user would trip its (real) rate limit.
            token = issue_api_token(user, 1)
            db.session.commit()
            self.headers = {"Authorization": f"Bearer {token}"}

    def __getattr__(self, method):
        call = getattr(self.client, method)
        return lambda path, **kw: call(f"/api/v1{path}", headers=self.headers, **kw)


def new_idea(api, **overrides):
    body = {
        "title": "Let technicians attach photos",
        "body": "Photos prove the job was done.",
        "tags": ["mobile"],
        "visibility": "public",
    }
    body.update(overrides)
    response = api.post("/ideas", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()
