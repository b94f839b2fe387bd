"""One serializer per resource: ORM rows → the plain dicts of `..schemas` (no pydantic objects:
the vote endpoint's answer is built on every vote)."""
