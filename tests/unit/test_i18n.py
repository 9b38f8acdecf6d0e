from konduct.components.i18n import LABELS, LANGUAGE_NAMES, label_set
from konduct.schemas.accounts import Language


def test_every_language_has_every_label() -> None:
    english = set(LABELS["en"])
    for language, labels in LABELS.items():
        assert set(labels) == english, f"{language} differs: {set(labels) ^ english}"
        assert all(text.strip() for text in labels.values())


def test_the_offered_languages_match_the_profile_schema() -> None:
    assert set(LABELS) == set(LANGUAGE_NAMES) == set(Language.__args__)


def test_unknown_languages_fall_back_to_english() -> None:
    assert label_set("xx") is LABELS["en"]
