"""The resource center's search: tokens, ranking, typing prefixes, snippets."""

from konduct.domain.search import Document, SearchIndex, stem, tokens
from konduct.services import resources

DOCS = [
    Document("/a", "Tagging links with UTM", "How to tag links: utm_source and utm_medium."),
    Document("/b", "Pricing", "Plans and billing. A link to the UTM page is below."),
    Document(
        "/c",
        "Security",
        "Passwords and sessions. " + "Filler words about nothing in particular. " * 20,
        headings="Two-factor sign-in",
    ),
    Document("/d", "Café menu", "Résumé of the crème brûlée campaign."),
]


def index() -> SearchIndex:
    return SearchIndex(DOCS)


def test_stemming_and_stop_words() -> None:
    assert {stem(w) for w in ("link", "links", "linking", "linked")} == {"link"}
    assert stem("tagged") == stem("tagging") == "tag"
    assert stem("queries") == "query" and stem("class") == "class"
    assert tokens("How to use the API") == ["use", "api"]


def test_a_title_match_outranks_a_body_mention() -> None:
    hits = index().search("utm")
    assert [h.key for h in hits[:2]] == ["/a", "/b"]
    assert hits[0].score > hits[1].score


def test_documents_matching_more_words_come_first() -> None:
    hits = index().search("billing passwords")
    assert {h.key for h in hits} == {"/b", "/c"}
    hits = index().search("tag links source")
    assert hits[0].key == "/a" and hits[0].matched == 3


def test_the_word_being_typed_matches_as_a_prefix() -> None:
    assert [h.key for h in index().search("passw")] == ["/c"]
    assert index().search("two-fac")[0].key == "/c"  # a heading
    assert index().search("p") == []  # one letter is too little to guess from


def test_accents_fold_and_unknown_words_find_nothing() -> None:
    assert [h.key for h in index().search("creme brulee")] == ["/d"]
    assert index().search("zebra") == []
    assert index().search("   ") == [] and index().search("the and of") == []


def test_snippet_marks_the_matched_words_near_the_match() -> None:
    hit = index().search("sessions")[0]
    marked = [part.text for part in hit.snippet if part.match]
    assert marked == ["sessions"]
    assert "Passwords and sessions" in hit.snippet_text
    assert len(hit.snippet_text) <= 185


def test_the_real_pages_are_found() -> None:
    first = resources.search("utm medium")[0]
    assert first["url"] == "/resources/utm-guide"
    assert any(p["match"] and p["text"].lower() == "medium" for p in first["snippet_parts"])
    assert resources.search("api key")[0]["url"] == "/resources/api"
    assert resources.search("two-factor")[0]["url"] == "/resources/security"
    assert resources.search("cancel")[0]["url"] == "/resources/faq"
    assert resources.search("decode")[0]["url"] == "/resources/videos/decode-a-link"


def test_every_page_has_a_title_description_and_text() -> None:
    pages = resources.resources()
    assert {p.slug for p in pages} >= {"getting-started", "utm-guide", "api", "security", "faq"}
    for page in pages:
        assert page.title and page.description and len(page.text) > 300, page.slug
    for video in resources.videos():
        assert len(video.frames) >= 3
        for frame in video.frames:
            assert (resources.PROJECT_ROOT / "assets" / frame.src.lstrip("/")).is_file()
