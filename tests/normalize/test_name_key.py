"""The cross-script name key: spellings of one name meet, different names do not."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goldenrecord as gr

SAME = [
    pytest.param(["محمد", "Mohammed", "Muhammad", "Mohamed", "Mohamad", "Muhammed"], id="muhammad"),
    pytest.param(["أحمد", "احمد", "Ahmed", "Ahmad"], id="ahmad"),
    pytest.param(["مصطفى", "Mustafa", "Mostafa", "Moustapha"], id="mustafa"),
    pytest.param(["يوسف", "Youssef", "Yusuf", "Yousef"], id="yusuf"),
    pytest.param(["حسين", "Hussein", "Husayn", "Hossein"], id="husayn"),
    pytest.param(["فاطمة", "Fatima", "Fatma", "Fatemeh"], id="fatima"),
    pytest.param(["عمر", "Omar", "Umar"], id="umar"),
    pytest.param(["عبد الرحمن", "Abdulrahman", "Abd al-Rahman", "Abdel Rahman"], id="abd-rahman"),
    pytest.param(["عبد الله", "عبدالله", "Abdullah", "Abdallah"], id="abdullah"),
    pytest.param(["محمد العلي", "Mohammed Al Ali", "Muhammad Al-Ali"], id="ar-full"),
    pytest.param(["王伟", "Wang Wei", "Wei Wang", "王 伟", "WANG, Wei"], id="wang-wei"),
    pytest.param(["李小龙", "Li Xiaolong".replace("Xiaolong", "Xiao Long")], id="li-xiao-long"),
    pytest.param(["김민준", "Kim Min-jun", "Min-jun Kim"], id="ko-kim"),
    pytest.param(["박지훈", "Park Ji-hun"], id="ko-park"),
    pytest.param(["Елена", "Elena", "Yelena"], id="elena"),
    pytest.param(["Александр", "Aleksandr", "Alexander"], id="alexander"),
    pytest.param(["Наталья", "Natalya", "Natalia"], id="natalia"),
    pytest.param(["Сергей Смирнов", "Sergei Smirnov", "Smirnov Sergey"], id="ru-full"),
    pytest.param(["Ελένη", "Eleni"], id="eleni"),
    pytest.param(["Παπαδοπούλου", "Papadopoulou"], id="el-family"),
    pytest.param(["राहुल शर्मा", "Rahul Sharma", "Sharma Rahul"], id="hi-rahul-sharma"),
    pytest.param(["मोहन", "Mohan"], id="hi-mohan"),
    pytest.param(
        ["Éloïse Dupont", "Dupont Eloise", "DUPONT, Éloïse", "Mme Eloise DUPONT"], id="fr"
    ),
    pytest.param(["Jürgen Müller", "Jurgen Muller", "MÜLLER Jürgen"], id="de"),
    pytest.param(["José García", "Garcia Jose", "Sr. José GARCÍA"], id="es"),
    pytest.param(["Seán O'Brien", "Sean OBrien", "O'BRIEN, Sean"], id="ie"),
    pytest.param(["Łukasz Wałęsa", "Lukasz Walesa"], id="pl"),
    pytest.param(["Nguyễn Văn An", "Nguyen Van An", "An Nguyen Van"], id="vn"),
]

DIFFERENT = [
    pytest.param("Mohammed", "Ahmed", id="mohammed-ahmed"),
    pytest.param("Wang Wei", "Wang Fang", id="wang-wei-fang"),
    pytest.param("John Smith", "Jane Smith", id="john-jane"),
    pytest.param("Maria", "Mario", id="maria-mario"),
    pytest.param("Jan", "Jana", id="jan-jana"),
    pytest.param("Ali", "Ala", id="ali-ala"),
    pytest.param("Hasan", "Husayn", id="hasan-husayn"),
    pytest.param("Maryam", "Maria", id="maryam-maria"),
    pytest.param("Abdullah", "Abdulrahman", id="abd-allah-rahman"),
    pytest.param("Elena", "Helena Smith", id="elena-helena-smith"),
    pytest.param("王伟", "王芳", id="zh-wei-fang"),
    pytest.param("Kim Min-jun", "Kim Min-seo", id="ko-jun-seo"),
    pytest.param("Ivan Petrov", "Ivan Petrova", id="ru-gender"),
    pytest.param("Anna", "Hanna", id="anna-hanna"),
]


@pytest.mark.parametrize("spellings", SAME)
def test_spellings_of_one_name_meet(spellings: list[str]) -> None:
    """Every spelling in the group gives the same key."""
    keys = {s: gr.normalize.name_key(s) for s in spellings}
    assert len(set(keys.values())) == 1, keys
    assert next(iter(keys.values())) is not None


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_stay_apart(a: str, b: str) -> None:
    """Names that differ in more than spelling give different keys."""
    assert gr.normalize.name_key(a) != gr.normalize.name_key(b)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Mohammed", "muhamad"),
        ("王伟", "wang wei"),
        ("Éloïse Dupont", "dupont eloise"),
        ("Ahmed Al-Sayed", "ahmad said"),
        ("김민준", "jun kim min"),
        ("Елена", "elena"),
        ("Ελένη", "eleni"),
    ],
)
def test_key_is_sorted_latin(raw: str, key: str) -> None:
    """The key is lower-case Latin words, sorted."""
    assert gr.normalize.name_key(raw) == key


@pytest.mark.parametrize("raw", ["n/a", "", None, "12345", "xxx"])
def test_junk_has_no_key(raw: object) -> None:
    """Junk and missing names have no key."""
    assert gr.normalize.name_key(raw) is None


_WORDS = st.lists(
    st.text(alphabet=st.characters(codec="utf-8", categories=("L",)), min_size=1, max_size=8),
    min_size=1,
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_order_and_case_do_not_matter(words: list[str]) -> None:
    """Any permutation of the words, in any case, gives the same key; the key is a fixpoint."""
    key = gr.normalize.name_key(" ".join(words))
    for perm in itertools.islice(itertools.permutations(words), 6):
        assert gr.normalize.name_key(" ".join(perm).upper()) == gr.normalize.name_key(
            " ".join(perm).upper()
        )
        assert gr.normalize.name_key(" ".join(perm)) == key
    if key is not None:
        assert key.isascii()
        assert gr.normalize.name_key(key) == key
