"""Search finds exactly the entries whose (normalised) text contains every word of the query: checked
against a plain substring scan over generated Chinese, mixed and full-width text in a real database."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.domain.duty_log import Category
from console.domain.text_index import normalize, query_too_short, query_words
from console.services import build_services
from console.services.duty_log import LogFilter
from console.store.database import open_store

CHINESE = "燃气泄漏徐汇区漕溪北路号高速沪消级响应积水𠀀𠀁𡈼𪚥"  # the last four are CJK Extension B
LATIN = "G60AbC123 -号"
FULL_WIDTH = "ＧＡｂ０１２３６（）"
ROMAN = "ⅠⅡⅢⅣⅫⅱⅲ"
ALPHABET = CHINESE + LATIN + FULL_WIDTH + ROMAN + " ,.\"'*:"

texts = st.text(alphabet=ALPHABET, min_size=1, max_size=24).filter(lambda t: t.strip())


def _expected(all_texts: dict[str, str], query: str) -> set[str]:
    words = query_words(query)
    return {eid for eid, text in all_texts.items() if all(w in normalize(text) for w in words)}


@pytest.fixture(scope="module")
def log_store():
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "search.db")
        yield store, build_services(store).log, {}
        store.close()


@settings(max_examples=80)
@given(batch=st.lists(texts, min_size=1, max_size=6), data=st.data())
def test_search_is_a_substring_scan(log_store, batch, data):
    _, log, stored = log_store
    for text in batch:
        entry = log.append(Category.OTHER, text).value
        stored[entry.id] = entry.text
    source = data.draw(st.sampled_from(batch))
    start = data.draw(st.integers(0, max(0, len(source) - 2)))
    query = data.draw(st.one_of(st.just(source[start:start + data.draw(st.integers(2, 8))]),
                                st.text(alphabet=ALPHABET, min_size=2, max_size=5)))
    if query_too_short(query) or not query_words(query):
        assert log.search(query) == []
        return
    found = {e.id for e in log.search(query, limit=100_000)}
    assert found == _expected(stored, query)
    assert log.count_matching(LogFilter(query=query)) == len(found)


@pytest.mark.parametrize(("query", "hits", "misses"), [
    ("Ⅱ级", ["启动Ⅱ级响应"], ["启动Ⅲ级响应", "启动Ⅰ级响应"]),
    ("1号", ["沪消1号车", "11号线"], ["沪消2号车"]),
    ("3号", ["3号口"], ["沪消1号车"]),
    ("60高速", ["G60高速封闭"], ["G6高速"]),
    ("G60高", ["G60高速封闭", "ｇ６０高架"], ["G6高速"]),
    ("𠀀𠀁", ["住户𠀀𠀁先生"], ["住户𠀀先生"]),
    ("ＡＢＣ", ["abc 公司", "ABC公司"], ["ab c"]),
    ("-3号", ["A-3号楼"], ["A3号楼"]),
])
def test_the_reported_queries(services, query, hits, misses):
    ids = {services.log.append(Category.OTHER, t).value.id: t for t in hits + misses}
    found = {ids[e.id] for e in services.log.search(query)}
    assert found == set(hits)


def test_one_character_is_refused_with_a_reason(services, capsys):
    from console.cli.store_commands import run

    services.log.append(Category.OTHER, "燃气泄漏")
    assert query_too_short("燃") and services.log.search("燃") == []
    assert run(["log", "search", "--db", str(services.store.path), "燃"]) == 2
    assert "two or more characters" in capsys.readouterr().err


def test_the_cli_counts_matches_beyond_the_shown_page(services, capsys):
    from console.cli.store_commands import run

    with services.store.transaction():
        for i in range(205):
            services.log.append(Category.OTHER, f"编号 {i} 积水")
    assert run(["log", "search", "--db", str(services.store.path), "-", "积水"]) == 2  # "-" is one character
    capsys.readouterr()
    assert run(["log", "search", "--db", str(services.store.path), "积水"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("205 matching entries, the newest 200 shown")
    assert run(["log", "search", "--db", str(services.store.path), "-编号", "--lang", "en"]) == 0
