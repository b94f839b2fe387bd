"""In development, links in e-mails point at the port `make run` serves on: the dev server
hands its worker and web server BASE_URL=http://127.0.0.1:<PORT> unless BASE_URL is set."""

import pytest

from innovation.config import Config
from innovation.demo.devserver import child_environment


def settings(monkeypatch, tmp_path, **environ) -> dict:
    for name in ("BASE_URL", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = Config(str(tmp_path))
    return {name: getattr(config, name) for name in dir(config) if name.isupper()}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"PORT": "5004"}, "http://127.0.0.1:5004"),
        ({}, "http://127.0.0.1:5000"),
        ({"PORT": "5004", "BASE_URL": "https://ideas.example.com/"}, "https://ideas.example.com"),
    ],
)
def test_children_get_the_base_url_of_the_port_they_serve(monkeypatch, tmp_path, environ, expected):
    parent = {"PATH": "/usr/bin", "HOME": "/home/dev", **environ}
    env = child_environment(parent, settings(monkeypatch, tmp_path, **environ))
    assert env["BASE_URL"] == expected
    assert env["FLASK_APP"] == "wsgi" and env["PATH"] == "/usr/bin" and env["HOME"] == "/home/dev"
    # A child process reads it back through Config, the one reader of the environment.
    assert (
        settings(monkeypatch, tmp_path, **{k: v for k, v in env.items() if k in ("BASE_URL", "PORT")})["BASE_URL"]
        == expected
    )
