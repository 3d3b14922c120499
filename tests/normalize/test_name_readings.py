"""Regressions of the reading rules of ``gr.normalize.name_keys``: each case failed before
the rule it names (abjad skeletons of unknown names, kanji given-name readings, Korean
given names written as one word, Thai RTGS rules, Western names that open skeletons)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr
from goldenrecord.normalize._name_readings import SKELETON_MARK
from goldenrecord.normalize._name_scripts import thai


def _meet(a: str, b: str) -> bool:
    return bool(gr.normalize.name_keys(a) & gr.normalize.name_keys(b))


@pytest.mark.parametrize("name", ["سلمان", "יגאל", "ברזילי", "فرحات"])
def test_an_abjad_name_outside_the_tables_still_has_its_skeleton(name: str) -> None:
    """A Hebrew or Arabic name that no table knows keeps its consonant skeleton (it was
    returned with its primary key alone)."""
    assert any(k.startswith(SKELETON_MARK) for k in gr.normalize.name_keys(name))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("محمد فرحات", "Mohammed Farhat"),  # the known name opens the Latin skeleton
        ("سلمان", "Salman"),
        ("יגאל", "Yigal"),
        ("أسامة", "Oussama"),
        ("מרדכי", "Mordechai"),
    ],
)
def test_arabic_and_hebrew_names_meet_their_latin_spellings(a: str, b: str) -> None:
    assert _meet(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Michael Müller", "Michael Miller"),
        ("Sara Müller", "Sara Miller"),
        ("Daniel Sato", "Daniel Saito"),
        ("David Kahn", "David Kohn"),
    ],
)
def test_a_western_biblical_name_does_not_loosen_the_other_words(a: str, b: str) -> None:
    """David, Michael, Sarah are names of Western usage: they give the words beside them
    no consonant skeleton, so look-alike family names stay apart."""
    assert not _meet(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("佐藤健", "Ken Sato"),
        ("佐藤健", "Takeshi Sato"),
        ("中村光", "Hikaru Nakamura"),
        ("健", "Takeshi"),
    ],
)
def test_a_kanji_given_name_takes_each_of_its_name_readings(a: str, b: str) -> None:
    assert _meet(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("김연아", "Kim Yeona"), ("김연아", "Kim Yuna"), ("김지은", "Kim Jieun")],
)
def test_a_korean_given_name_meets_when_written_as_one_word(a: str, b: str) -> None:
    """Revised Romanization writes the given name as one word; the key splits both sides
    into the same syllables. ``eo`` is also written ``u`` (Yuna, Hyun, Sung)."""
    assert _meet(a, b)


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("ประเสริฐ", "prasoet"),  # เ-ิ is oe; ร after ส silent
        ("ศรีสุข", "sisuk"),
        ("กมล", "kamon"),  # three consonants: a, then o
        ("นคร", "nakhon"),
    ],
)
def test_thai_rtgs_rules(word: str, reading: str) -> None:
    assert reading in {thai(word), thai(word, silent_r=True)}


@pytest.mark.parametrize(("a", "b"), [("สุชาติ", "Suchat"), ("สมบัติ", "Sombat"), ("ศรีสุข", "Srisuk")])
def test_thai_names_meet_with_an_unspoken_final_vowel_and_written_r(a: str, b: str) -> None:
    assert _meet(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Goh", "Go"), ("Son", "Sun"), ("Khaled", "Khalil"), ("Hazem", "Hashem"), ("Salma", "Salman")],
)
def test_look_alikes_of_the_new_rules_stay_apart(a: str, b: str) -> None:
    """Goh is Hokkien 吴, not a Japanese long o; the new Arabic names keep their vowels."""
    assert not _meet(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("张学友", "Cheung Hok-yau"), ("陈奕迅", "Chan Yik-shun"), ("梁朝伟", "Leung Chiu-wai")],
)
def test_cantonese_given_names_meet_their_characters(a: str, b: str) -> None:
    """Hong Kong spellings of given-name syllables read as pinyin, and a name's whole
    Mandarin reading comes before half-read mixtures under the cap of readings."""
    assert _meet(a, b)


@pytest.mark.parametrize(("a", "b"), [("Ping", "Bing"), ("Zhen", "Chen"), ("Lin", "Ling")])
def test_cantonese_spellings_that_are_pinyin_look_alikes_stay_apart(a: str, b: str) -> None:
    assert not _meet(a, b)


@pytest.mark.parametrize(("a", "b"), [("李明", "Akira"), ("浩", "Ko"), ("李浩", "Ko")])
def test_chinese_names_in_han_do_not_take_japanese_given_name_readings(a: str, b: str) -> None:
    """Given-name readings follow a family name of two kanji (Japanese) or stand alone
    and long: a Chinese name (one-kanji family name) keeps its pinyin."""
    assert not _meet(a, b)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_words_read_as_by_unicode_categories(text: str) -> None:
    """The ASCII shortcut of the words of a cell keeps exactly what the Unicode
    categories keep: letters and apostrophes, apostrophes stripped off the ends."""
    import unicodedata

    from goldenrecord.normalize._name_readings import _raw_words

    kept = "".join(c if c == "'" or unicodedata.category(c)[0] in "LM" else " " for c in text)
    assert _raw_words(text) == [w for w in (w.strip("'’") for w in kept.split()) if w]
