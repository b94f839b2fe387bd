"""Voting: supports, ratings and the ranking formulas of ideas, and the pure tallies of
decision rounds (approval, score, Schulze, Method of Equal Shares) of TALLY.md. No pages of its
own: ideas and decisions call it."""

from flask import Flask


def init_app(app: Flask) -> None:
    from . import models  # noqa: F401  (the tables, before Alembic looks)
