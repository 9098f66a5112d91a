from hypothesis import given
from hypothesis import strategies as st

from opsdesk.domain.text import fold, polish_sort_key


def test_fold_polish_letters():
    assert fold("Zażółć gęślą jaźń") == "zazolc gesla jazn"
    assert fold("ZAŻÓŁĆ GĘŚLĄ JAŹŃ") == "zazolc gesla jazn"
    assert fold("Łódź") == fold("LODZ") == "lodz"
    assert fold("Źrebiec") == "zrebiec"


def test_fold_other_accents_and_ligatures():
    assert fold("Müller") == "muller"
    assert fold("Ørsted Straße") == "orsted strasse"
    assert fold("Crème brûlée") == "creme brulee"
    assert fold("Đoković") == "dokovic"
    assert fold("ﬁlip") == "filip"


def test_fold_handles_decomposed_input():
    assert fold("Ła\u0328cki") == "lacki"  # "ą" written as a + combining ogonek


def test_fold_keeps_digits_spaces_and_punctuation():
    assert fold("ul. Śląska 12/3") == "ul. slaska 12/3"


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def _sorted(names):
    return sorted(names, key=polish_sort_key)


def test_polish_alphabet_order():
    assert _sorted(["Łukasz", "Lucyna"]) == ["Lucyna", "Łukasz"]
    assert _sorted(["Ślusarz", "Sowa"]) == ["Sowa", "Ślusarz"]
    assert _sorted(["Żak", "Zając", "Źrebiec"]) == ["Zając", "Źrebiec", "Żak"]
    assert _sorted(["Ćwik", "Czarnecki", "Cybulski"]) == ["Cybulski", "Czarnecki", "Ćwik"]
    assert _sorted(["Ożóg", "Oleś", "Ólbrycht"]) == ["Oleś", "Ożóg", "Ólbrycht"]
    assert _sorted(["Ęcki", "Ewa", "Ąbek", "Azja"]) == ["Azja", "Ąbek", "Ewa", "Ęcki"]
    assert _sorted(["Ńa", "Nowak"]) == ["Nowak", "Ńa"]


def test_every_l_word_comes_before_every_ł_word():
    names = ["Łukasz", "Lwowski", "Łoś", "Lucyna", "Mazur", "Kowal"]
    assert _sorted(names) == ["Kowal", "Lucyna", "Lwowski", "Łoś", "Łukasz", "Mazur"]
    assert sorted(names) != _sorted(names)  # plain code point order puts Ł after M


def test_case_insensitive_with_deterministic_ties():
    assert _sorted(["nowak", "Nowakowski", "Nowak"]) == ["Nowak", "nowak", "Nowakowski"]
    assert _sorted(["ŻAK", "żak", "Zając"]) == ["Zając", "ŻAK", "żak"]


def test_foreign_accents_sort_with_their_base_letter():
    assert _sorted(["Mazur", "Müller", "Mróz"]) == ["Mazur", "Mróz", "Müller"]
    assert _sorted(["Muller", "Müller", "Mullerowa"]) == ["Muller", "Müller", "Mullerowa"]


def test_spaces_and_hyphens_come_before_letters():
    assert _sorted(["Nowakowska", "Nowak-Kowalska", "Nowak"]) == [
        "Nowak",
        "Nowak-Kowalska",
        "Nowakowska",
    ]
    assert _sorted(["Anna Maria", "Annabella", "Anna"]) == ["Anna", "Anna Maria", "Annabella"]


def test_digits_before_letters():
    assert _sorted(["b", "10", "2", "a"]) == ["10", "2", "a", "b"]


def test_decomposed_and_composed_sort_alike():
    assert polish_sort_key("Ła\u0328cki")[0] == polish_sort_key("Łącki")[0]


@given(st.lists(st.text(), max_size=8))
def test_sort_key_is_a_total_order(names):
    once = _sorted(names)
    assert _sorted(list(reversed(names))) == once
    assert _sorted(once) == once
