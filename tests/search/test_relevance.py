"""Relevance on a fixed corpus, the same for both backends: stems, one typo, phrases, title
weight, highlights, exclusions and facets."""

import pytest

from innovation.search.services import search_content, similar_ideas

from .corpus import idea, relevance_corpus


@pytest.fixture
def corpus(users, search_index):
    author = users("customer")
    ideas = relevance_corpus(author)
    search_index.refresh()
    return ideas


def titles(result) -> list[str]:
    return [item["title"] for item in result.items]


def test_a_stemmed_variant_matches(corpus):
    result = search_content(None, "onboarding")
    assert titles(result) == [corpus["stem"].title]
    assert not result.corrected
    assert "<mark>onboard</mark>" in result.items[0]["title_html"]


def test_one_typo_still_finds_the_idea(corpus):
    for typo in ("dashbaord", "dashbord", "dashboarx", "onboardng"):
        result = search_content(None, typo)
        assert result.total >= 1, typo
        assert result.corrected, typo
    assert titles(search_content(None, "dashbaord"))[0] == corpus["title_hit"].title


def test_two_typos_do_not_match_anything(corpus):
    assert search_content(None, "dsahbaord").total == 0


def test_an_exact_phrase_ranks_above_scattered_words(corpus):
    result = search_content(None, "payment reminder")
    assert titles(result) == [corpus["phrase"].title, corpus["scattered"].title]
    quoted = search_content(None, '"payment reminder"')
    assert titles(quoted) == [corpus["phrase"].title]


def test_title_hits_rank_above_body_hits(corpus):
    result = search_content(None, "dashboard")
    assert titles(result) == [corpus["title_hit"].title, corpus["body_hit"].title]


def test_highlights_mark_the_matched_words_and_escape_the_rest(users, search_index):
    author = users("customer")
    idea(author, "Escape <b>tags</b> in exports", "Exports keep <script>alert('x')</script> reminders literal.")
    search_index.refresh()
    item = search_content(None, "exports").items[0]
    assert "<mark>Exports</mark>" in item["title_html"] or "<mark>exports</mark>" in item["title_html"]
    assert "<b>" not in item["title_html"] and "&lt;b&gt;" in item["title_html"]
    assert "<script" not in item["snippet_html"]


def test_excluded_words_and_all_words_required(corpus):
    assert titles(search_content(None, "payment -reminder")) == []
    assert titles(search_content(None, "payment -cramped")) == [corpus["phrase"].title]
    assert search_content(None, "dashboard basements").total == 0


def test_facets_count_the_whole_result_not_the_page(users, search_index):
    customer, employee = users("customer"), users("employee")
    for n in range(5):
        author = customer if n % 2 else employee
        idea(author, f"Route planning improvement {n}", tags=["routing"] if n < 3 else ["maps"])
    search_index.refresh()
    result = search_content(employee, "route", per_page=2)
    assert result.total == 5 and len(result.items) == 2 and result.pages == 3
    # Most frequent value first.
    assert result.facets["tag"] == [("routing", 3), ("maps", 2)]
    assert result.facets["constituency"] == [("employee", 3), ("customer", 2)]
    assert result.facets["status"] == [("new", 5)]
    narrowed = search_content(employee, "route", filters={"tag": "maps"})
    assert narrowed.total == 2 and all("maps" in item["tags"] for item in narrowed.items)
    second = search_content(employee, "route", per_page=2, page=3)
    assert len(second.items) == 1


def test_people_are_found_by_name_bio_expertise_and_topics(users, search_index):
    from innovation.accounts.services import update_profile
    from innovation.extensions import db

    expert = users("employee", name="Mira Halvorsen")
    update_profile(
        expert, expert, name="Mira Halvorsen", bio="Runs the payroll integrations.", expertise="accounting, exports"
    )
    db.session.commit()
    idea(expert, "Faster route sharing", tags=["routing"])
    search_index.refresh()
    for query in ("halvorsen", "payroll", "accounting", "routing"):
        assert [item["name"] for item in search_content(None, query, kind="people").items] == ["Mira Halvorsen"], query


def test_similar_ideas_need_enough_shared_title_words(corpus, users, search_index):
    found = similar_ideas(None, "Widgets on the office dashboard")
    assert [item["id"] for item in found][:1] == [corpus["title_hit"].id]
    assert similar_ideas(None, "Completely different topic about coffee") == []
    assert similar_ideas(None, "") == [] and similar_ideas(None, "the and of") == []
