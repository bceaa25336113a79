"""The duty log gains a signature per entry (the site key signs each entry's hash; entries written
before this step have none, and `duty_log_signed_after` records the last of them, covered by the
signed head from the next append on). The search index is rebuilt with pieces of two characters
over the whole normalised text (console/domain/text_index.py), so every substring is found."""
from console.domain.text_index import index_text


def migrate(conn):
    conn.execute("ALTER TABLE duty_log ADD COLUMN sig TEXT")
    last = conn.execute("SELECT coalesce(max(seq), 0) FROM duty_log").fetchone()[0]
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('duty_log_signed_after', ?)", (str(last),))
    conn.execute("DROP TABLE duty_log_fts")
    conn.execute("CREATE VIRTUAL TABLE duty_log_fts USING fts5(tokens, content='', tokenize='ascii')")
    cur = conn.execute("SELECT seq, CAST(text AS BLOB) FROM duty_log")
    while batch := cur.fetchmany(5000):
        conn.executemany("INSERT INTO duty_log_fts(rowid, tokens) VALUES (?, ?)",
                         [(seq, index_text(raw.decode("utf-8", "replace"))) for seq, raw in batch if raw is not None])
