"""The short summary `make run` prints after a run."""

SUMMARY_QUERIES: list[tuple[str, str]] = [
    (
        "Tables",
        """SELECT 'documents' AS "table", count(*) AS "rows" FROM documents
           UNION ALL SELECT 'sentences', count(*) FROM sentences
           UNION ALL SELECT 'mentions', count(*) FROM mentions
           UNION ALL SELECT 'times', count(*) FROM times
           UNION ALL SELECT 'claims', count(*) FROM claims
           UNION ALL SELECT 'entities', count(*) FROM entities
           UNION ALL SELECT 'sources', count(*) FROM sources
           UNION ALL SELECT 'rejects', count(*) FROM rejects
           UNION ALL SELECT 'runs', count(*) FROM runs""",
    ),
    (
        "Documents by language",
        "SELECT lang, count(*) AS documents, sum(n_chars) AS chars FROM documents "
        "GROUP BY lang ORDER BY documents DESC",
    ),
    (
        "Top entities",
        # By name: derived forms ("rosyjskiej" for Rosja) are shown apart, not ranked as names.
        "SELECT name, label, mention_count - derived_count AS by_name, derived_count AS derived, doc_count "
        "FROM entities ORDER BY by_name DESC, derived DESC, name LIMIT 10",
    ),
    (
        "Claims",
        """SELECT text, kind, qualifier, value, unit, object FROM claims
           ORDER BY doc_id, claim_idx LIMIT 10""",
    ),
    (
        "Last run",
        """SELECT run_id, docs_in, docs_new, duplicates, rejected, round(seconds_total, 1) AS seconds
           FROM runs ORDER BY run_id DESC LIMIT 1""",
    ),
]
