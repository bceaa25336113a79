from console.domain.ids import id_time_ms, new_id
from console.domain.text_index import index_text, match_query, tokens


def test_ulids_are_unique_sortable_and_carry_their_time():
    a = new_id(1000, bytes(10))
    b = new_id(1001, bytes(10))
    assert len(a) == 26 and a < b
    assert id_time_ms(a) == 1000
    assert len({new_id(5) for _ in range(1000)}) == 1000


def test_chinese_is_indexed_as_overlapping_bigrams():
    assert tokens("燃气泄漏") == ["燃气", "气泄", "泄漏"]
    assert tokens("G60高速") == ["g6", "60", "0高", "高速"]
    assert tokens("Ｇ６０") == tokens("g60")  # full-width is NFKC-normalised
    assert len(tokens("徐汇 区")) == 3  # pieces across the space are single tokens too


def test_any_two_character_substring_is_a_phrase_of_the_index():
    text = "徐汇区漕溪北路燃气管道泄漏"
    indexed = index_text(text).split()
    for i in range(len(text) - 1):
        for j in range(i + 2, len(text) + 1):
            q = tokens(text[i:j])
            assert any(indexed[k:k + len(q)] == q for k in range(len(indexed)))


def test_match_query_is_one_phrase_and_needs_two_characters():
    assert match_query("燃气泄漏") == '"燃气 气泄 泄漏"'
    assert match_query("燃气 徐汇") == '"燃气" AND "徐汇"'
    assert match_query('"hi"').count('"') == 2  # quotes in the query are escaped into the tokens
    assert match_query("  燃 ") is None
    assert match_query("") is None
