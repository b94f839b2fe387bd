"""Shared helpers for the ideas tests: bearer-token API calls."""
from ..factories import DEFAULT_PASSWORD


class Api:
    """Calls /api/v1 as one user with a bearer token."""

    def __init__(self, client, user=None):
        self.client = client
        self.headers = {}
        if user is not None:
            response = client.post("/api/v1/auth/token", json={"email": user.email, "password": DEFAULT_PASSWORD})
            self.headers = {"Authorization": f"Bearer {response.get_json()['token']}"}

    def __getattr__(self, method):
        call = getattr(self.client, method)
        return lambda path, **kw: call(f"/api/v1{path}", headers=self.headers, **kw)


def new_idea(api, **overrides):
    body = {"title": "Let technicians attach photos", "body": "Photos prove the job was done.",
            "tags": ["mobile"], "visibility": "public"}
    body.update(overrides)
    response = api.post("/ideas", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()
