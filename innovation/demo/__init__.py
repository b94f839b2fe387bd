"""Demo: the Brightfield demo data (`flask seed-demo`, `make run`'s first start) and the
development server that `make run` starts."""

from flask import Flask


def init_app(app: Flask) -> None:
    from .cli import register_cli

    register_cli(app)
