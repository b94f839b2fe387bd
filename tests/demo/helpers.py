"""Shared by the schema tests: the shipped files as data, finders for their parts, and the refusal
of a broken copy."""

import pytest
import yaml

from innovation.demo.files import DATA_DIR, DemoDataError, load_content, read_yaml

FILES = ("people.yaml", "ideas.yaml", "rounds.yaml")
SHIPPED = {name: read_yaml(DATA_DIR / name) for name in FILES}


def refusal(tmp_path, documents: dict) -> DemoDataError:
    for name, document in documents.items():
        text = yaml.dump(document, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(DemoDataError) as caught:
        load_content(tmp_path)
    return caught.value


def first(d: dict) -> dict:
    return d["ideas.yaml"]["ideas"][0]


def decided(d: dict) -> dict:
    return d["rounds.yaml"]["rounds"][0]


def open_round(d: dict) -> dict:
    return d["rounds.yaml"]["rounds"][1]


def shipped_copy(tmp_path) -> None:
    for name in FILES:
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")


def internal(d: dict) -> dict:
    return next(idea for idea in d["ideas.yaml"]["ideas"] if idea["visibility"] == "internal")


def idea(d: dict, title: str) -> dict:
    return next(item for item in d["ideas.yaml"]["ideas"] if item["title"] == title)


def person(d: dict, local: str) -> dict:
    return next(item for item in d["people.yaml"]["people"] if item["local"] == local)


FIRST = "idea #1 ('Let technicians attach photos to the job before closing it')"


def candidate(d: dict, round_: dict, title: str) -> dict:
    return next(item for item in round_["candidates"] if item["idea"] == title)


BEST = "Suggest the best technician for a new job"
XERO = "Two-way sync with Xero and QuickBooks"
SSO = "Single sign-on with Azure AD and Okta for office staff"
