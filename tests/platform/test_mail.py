"""The e-mails we write parse back with the standard library, and no header can be split."""

import email
import email.policy

from innovation.platform.mail import build_message


def test_message_parses_back_with_both_parts_and_unicode(app):
    message = build_message(
        "carla@example.org",
        "“Photos” are now planned — éé",
        "Hello Carla ✓\nLine two",
        "<p>Hello <b>Carla</b> ✓</p>",
        {"List-Unsubscribe": "<http://127.0.0.1:5000/u/abc>"},
    )
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == "“Photos” are now planned — éé"
    assert parsed["To"] == "carla@example.org" and parsed["List-Unsubscribe"] == "<http://127.0.0.1:5000/u/abc>"
    assert parsed.get_body(("plain",)).get_content().strip() == "Hello Carla ✓\nLine two"
    assert "<b>Carla</b>" in parsed.get_body(("html",)).get_content()
    assert all(len(line) <= 998 for line in message.as_bytes().split(b"\r\n"))


def test_no_header_injection_through_a_title(app):
    message = build_message("a@example.org", "Title\r\nBcc: victim@example.org", "text", None)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None and "Bcc: victim" in parsed["Subject"]
