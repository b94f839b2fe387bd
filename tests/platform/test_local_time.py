"""Times are shown in the reader's zone with the zone named; UTC until a person's own setting."""

from datetime import UTC, datetime

from flask import g

from innovation.platform.templating import local_date, local_time

INSTANT = datetime(2026, 12, 7, 16, 45, tzinfo=UTC)


def test_utc_is_named_when_the_reader_has_no_zone(app):
    with app.test_request_context():
        assert local_time(INSTANT) == "7 Dec 2026, 16:45 UTC"
        assert local_time(INSTANT, with_date=False) == "16:45 UTC"
        assert local_date(INSTANT) == "7 December 2026"
        assert local_time(None) == ""


def test_a_zone_set_for_the_reader_converts_and_is_named(app):
    with app.test_request_context():
        g.viewer_time_zone = "Europe/Berlin"
        assert local_time(INSTANT) == "7 Dec 2026, 17:45 CET"
        g.viewer_time_zone = "Pacific/Auckland"
        assert local_time(INSTANT) == "8 Dec 2026, 05:45 NZDT"
        assert local_date(INSTANT) == "8 December 2026"


def test_an_unknown_zone_falls_back_to_utc(app):
    with app.test_request_context():
        g.viewer_time_zone = "Mars/Olympus_Mons"
        assert local_time(INSTANT).endswith("UTC")
        g.viewer_time_zone = "../../etc/passwd"
        assert local_time(INSTANT).endswith("UTC")
