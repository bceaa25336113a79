"""Full-text search over the duty log. The tokens column holds CJK bigrams and lower-cased words
(console/domain/text_index.py) so any two or more characters of Chinese text can be found.
Contentless: the text stays in duty_log; the FTS rowid is duty_log.seq. Existing entries are indexed."""
from console.domain.text_index import index_text


def migrate(conn):
    conn.execute(
        "CREATE VIRTUAL TABLE duty_log_fts USING fts5(tokens, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    rows = conn.execute("SELECT seq, text FROM duty_log").fetchall()
    conn.executemany(
        "INSERT INTO duty_log_fts(rowid, tokens) VALUES (?, ?)", [(seq, index_text(text)) for seq, text in rows]
    )
