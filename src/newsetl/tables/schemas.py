"""Every table's schema, declared once, with a line of documentation per column.

The table reference (``docs/tables.md``) is generated from these declarations
(``scripts/schema_docs.py``) and a test keeps the two in step. Every batch is checked
against its schema (types and nullability, :func:`checked`) before it reaches disk.

All tables but ``entities``, ``rejects``, ``runs`` and the hidden tables are
Hive-partitioned by ``day``: the UTC calendar date of the document's ``published`` time
(for ``sources``, of the arrival's own), or ``__HIVE_DEFAULT_PARTITION__`` (read as NULL)
when the input gave none. News questions
are nearly always about a period, so filtering on ``day`` lets DuckDB skip whole folders;
rows derived from a document (sentences, mentions, claims) share its ``day`` so joins
prune the same way. The partition column is encoded in the folder name, not stored in
the files.

*Hidden* tables (the story index: ``story_docs``, ``story_bands``; the entity totals:
``entity_terms``, ``entity_stories``) are carried from version to version like the
others, but get no ``DIR/<table>`` link and no SQL view: they are the working state of
the story step (:mod:`newsetl.stories`) and of the ``entities`` update
(:mod:`newsetl.tables.entity_totals`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

PARTITION = "day"
TS = pa.timestamp("us", tz="UTC")


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc})


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: pa.Schema  # full logical schema, partition column included
    key: tuple[str, ...]  # unique per table
    partitioned: bool
    doc: str
    hidden: bool = False  # no `DIR/<table>` link, no SQL view (see the module docstring)

    @property
    def file_schema(self) -> pa.Schema:
        """The columns stored in the Parquet files (the partition column lives in the path)."""
        if not self.partitioned:
            return self.schema
        return self.schema.remove(self.schema.get_field_index(PARTITION))


class SchemaViolation(ValueError):
    """A batch does not fit its table's schema."""


def checked(table: pa.Table, spec: TableSpec) -> pa.Table:
    """``table`` with exactly the spec's columns, types cast safely, non-null columns verified."""
    missing = [name for name in spec.schema.names if name not in table.column_names]
    if missing:
        raise SchemaViolation(f"{spec.name}: missing columns {missing}")
    table = table.select(spec.schema.names)
    for field in spec.schema:
        if not field.nullable and table.column(field.name).null_count:
            raise SchemaViolation(
                f"{spec.name}.{field.name}: {table.column(field.name).null_count} NULL values in a NOT NULL column"
            )
    try:
        return table.cast(spec.schema, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, ValueError) as exc:
        raise SchemaViolation(f"{spec.name}: {exc}") from None


_DAY = _f(PARTITION, pa.date32(), "Partition: UTC date of the document's `published` (NULL when unknown).")
_SPAN = [
    _f("start", pa.int32(), "Span start: offset into `documents.text` (Python str index).", False),
    _f("end", pa.int32(), "Span end, exclusive: `text[start:end]` is the span's surface.", False),
    _f("raw_start", pa.int32(), "Span start in the original text after decoding (BOM not counted).", False),
    _f("raw_end", pa.int32(), "Span end, exclusive, in the original text.", False),
]
_EXTRACTOR = [
    _f("extractor", pa.string(), "Name of the extractor that produced the row.", False),
    _f("extractor_version", pa.string(), "Its version; `reprocess` redoes rows of older versions.", False),
]

DOCUMENTS = TableSpec(
    "documents",
    pa.schema(
        [
            _f(
                "doc_id",
                pa.string(),
                "Document id: first 16 hex digits of SHA-256 of `text` (identical texts are stored once).",
                False,
            ),
            _f(
                "source_uri",
                pa.string(),
                "Input file path; `path#<id or line number>` for records of JSONL/CSV files.",
                False,
            ),
            _f("ext_id", pa.string(), "The input's own `id` field, if any."),
            _f("title", pa.string(), "Title from the input, if any."),
            _f("url", pa.string(), "URL from the input, if any."),
            _f("source", pa.string(), "Source (publisher, feed) from the input, if any."),
            _f("published", TS, "Publication time from the input, UTC; NULL when absent or unreadable."),
            _f(
                "lang",
                pa.string(),
                "ISO 639-1 language: from the input if given, else detected; NULL if too little text.",
            ),
            _f("lang_detected", pa.bool_(), "True when `lang` was detected rather than given by the input.", False),
            _f(
                "text",
                pa.string(),
                "Normalized text (NFC, ASCII quotes/dashes, clean whitespace, paragraphs split by a blank line).",
                False,
            ),
            _f("raw_sha256", pa.string(), "SHA-256 (hex) of the original text as decoded, encoded as UTF-8.", False),
            _f(
                "encoding",
                pa.string(),
                "Detected encoding of the input bytes (Python codec name, `utf-8-bom` for UTF-8 with BOM).",
                False,
            ),
            _f("repaired", pa.string(), "Mojibake repair applied (ftfy's steps), NULL when none."),
            _f("n_chars", pa.int32(), "Length of `text` in characters.", False),
            _f(
                "offset_map",
                pa.list_(pa.int32()),
                "Breakpoints mapping `text` offsets to original offsets (see `newsetl.normalize.offsets`).",
                False,
            ),
            _f("run_id", pa.string(), "Run that stored the document.", False),
            _f(
                "story_id",
                pa.string(),
                "Story: the `doc_id` of the document that founded the group of near-duplicates (same text up "
                "to a new lead, credits, a dropped or added paragraph, a few changed words) this one belongs "
                "to; never changes once published. NULL only for documents stored before stories existed, "
                "until `newsetl reprocess` (docs/stories.md).",
            ),
            _DAY,
        ]
    ),
    key=("doc_id",),
    partitioned=True,
    doc="One row per distinct article (by normalized text).",
)

SOURCES = TableSpec(
    "sources",
    pa.schema(
        [
            _f("doc_id", pa.string(), "The document whose text arrived (exact copies share it).", False),
            _f(
                "source_uri",
                pa.string(),
                "Where it arrived: input file path; `path#<id or line number>` for records of JSONL/CSV files.",
                False,
            ),
            _f("ext_id", pa.string(), "The input's own `id` field, if any."),
            _f("title", pa.string(), "Title this arrival gave, if any."),
            _f("url", pa.string(), "URL this arrival gave, if any."),
            _f("source", pa.string(), "Source (publisher, outlet, feed) this arrival gave, if any."),
            _f("published", TS, "Publication time this arrival gave, UTC; NULL when absent or unreadable."),
            _f("lang", pa.string(), "Language this arrival gave (ISO 639-1); NULL when it gave none."),
            _f("encoding", pa.string(), "Detected encoding of this arrival's bytes.", False),
            _f("raw_sha256", pa.string(), "SHA-256 (hex) of this arrival's text as decoded, encoded as UTF-8.", False),
            _f("repaired", pa.string(), "Mojibake repair applied to this arrival (ftfy's steps), NULL when none."),
            _f(
                "run_id",
                pa.string(),
                "Run that recorded the arrival (for documents stored before `sources` existed: the "
                "`reprocess` run that backfilled it from `documents`).",
                False,
            ),
            _f(
                PARTITION,
                pa.date32(),
                "Partition: UTC date of this arrival's `published` (NULL when unknown); a copy published "
                "days later is filed under its own day.",
            ),
        ]
    ),
    key=("doc_id", "source_uri"),
    partitioned=True,
    doc="One row per arrival of an article (input file or record), exact copies included; delivering the "
    "same input again adds nothing.",
)

SENTENCES = TableSpec(
    "sentences",
    pa.schema(
        [
            _f("doc_id", pa.string(), "Document the sentence belongs to.", False),
            _f("sentence_idx", pa.int32(), "0-based position of the sentence in the document.", False),
            _f("paragraph_idx", pa.int32(), "0-based paragraph of the sentence.", False),
            *_SPAN,
            _f("text", pa.string(), "The sentence (`documents.text[start:end]`).", False),
            _f("n_tokens", pa.int32(), "Number of tokens in the sentence.", False),
            _DAY,
        ]
    ),
    key=("doc_id", "sentence_idx"),
    partitioned=True,
    doc="One row per sentence of every document.",
)

MENTIONS = TableSpec(
    "mentions",
    pa.schema(
        [
            _f("doc_id", pa.string(), "Document of the mention.", False),
            _f("mention_idx", pa.int32(), "0-based position of the mention in the document.", False),
            _f("sentence_idx", pa.int32(), "Sentence containing the mention.", False),
            *_SPAN,
            _f("text", pa.string(), "Surface form as written.", False),
            _f(
                "label",
                pa.string(),
                "NKJP type the tagger gave this mention: persName, orgName, placeName, geogName "
                "(dates and times are in `times`).",
                False,
            ),
            _f(
                "subtype",
                pa.string(),
                "NKJP subtype of a place name (settlement, country, region, district, bloc), else NULL.",
            ),
            _f(
                "lemma",
                pa.string(),
                'Nominative base form of the words as written ("Korei Północnej" -> "Korea Północna"; '
                '"brytyjskiego" -> "brytyjski").',
                False,
            ),
            _f(
                "derived",
                pa.string(),
                "NULL for a name; `adjective` or `inhabitant` for a word derived from a name "
                '("brytyjski", "warszawiacy"), which then belongs to the entity it derives from.',
            ),
            _f(
                "entity_id",
                pa.string(),
                "Entity the mention refers to (aliases, acronyms, short names and derived forms share their "
                "entity's id); the same everywhere, whatever the run or input order.",
                False,
            ),
            _f(
                "entity_name",
                pa.string(),
                'The entity\'s name as this document resolves it ("Mark Rutte" for "Rutte", '
                '"Wielka Brytania" for "brytyjski").',
                False,
            ),
            _f(
                "parts",
                pa.list_(
                    pa.struct(
                        [
                            pa.field("start", pa.int32(), nullable=False),
                            pa.field("end", pa.int32(), nullable=False),
                            pa.field("label", pa.string(), nullable=False),
                            pa.field("subtype", pa.string()),
                        ]
                    )
                ),
                "Names nested in this one, with offsets into `documents.text`: a person's `forename`, "
                "`surname`, `addName` (label persName); a `settlement` inside an organisation's name "
                "(label placeName). Empty when none.",
                False,
            ),
            *_EXTRACTOR,
            _DAY,
        ]
    ),
    key=("doc_id", "mention_idx"),
    partitioned=True,
    doc="Named-entity mentions in Polish documents (other languages get none).",
)

CLAIMS = TableSpec(
    "claims",
    pa.schema(
        [
            _f("doc_id", pa.string(), "Document of the claim.", False),
            _f("claim_idx", pa.int32(), "0-based position of the claim in the document.", False),
            _f("sentence_idx", pa.int32(), "Sentence containing the claim.", False),
            *_SPAN,
            _f("text", pa.string(), 'Qualifier + number + scale + unit as written ("co najmniej 2 proc.").', False),
            _f("value", pa.float64(), "The number with its scale applied; NULL for a range."),
            _f("low", pa.float64(), "Lower bound of a range, else NULL."),
            _f("high", pa.float64(), "Upper bound of a range, else NULL."),
            _f("qualifier", pa.string(), "eq, approx, gt, ge, lt, le or range.", False),
            _f("kind", pa.string(), "count, percent, money, duration or measure.", False),
            _f(
                "unit",
                pa.string(),
                "percent, pp, ISO 4217 code, year/month/week/day/hour/minute/second, "
                "km, m, kg, t, m3, MW, GW, TWh, degC; NULL for a bare count.",
            ),
            _f("object", pa.string(), 'Base form of what is counted or measured ("państwo", "PKB"), NULL if unsaid.'),
            _f("subject_entity_id", pa.string(), "Entity the quantity is about (same clause), NULL if none."),
            _f(
                "speaker_entity_id",
                pa.string(),
                "Person or organisation the statement is attributed to (reported speech), NULL if none.",
            ),
            _f(
                "as_of",
                pa.string(),
                'TIMEX3 value of the time the sentence places the quantity in ("W 2023 r. wydatki wyniosły '
                '2 proc. PKB" -> `2023`; "do 2030 roku" -> `2030`), NULL if it says none.',
            ),
            *_EXTRACTOR,
            _DAY,
        ]
    ),
    key=("doc_id", "claim_idx"),
    partitioned=True,
    doc="Every stated quantity in Polish and English documents.",
)

EXTRACTIONS = TableSpec(
    "extractions",
    pa.schema(
        [
            _f("doc_id", pa.string(), "Document processed.", False),
            _f("stage", pa.string(), "Extraction stage: `entities`, `times` or `claims`.", False),
            *_EXTRACTOR,
            _f("n_rows", pa.int32(), "Rows the stage produced for the document (0 is a real answer).", False),
            _f("run_id", pa.string(), "Run that did the extraction.", False),
            _DAY,
        ]
    ),
    key=("doc_id", "stage"),
    partitioned=True,
    doc="Which extractor version processed each document, even when it found nothing.",
)

TIMES = TableSpec(
    "times",
    pa.schema(
        [
            _f("doc_id", pa.string(), "Document of the expression.", False),
            _f("time_idx", pa.int32(), "0-based position of the expression in the document.", False),
            _f("sentence_idx", pa.int32(), "Sentence containing the expression.", False),
            *_SPAN,
            _f("text", pa.string(), 'The expression as written ("5 maja 2024 r.", "wczoraj", "godz. 12.30").', False),
            _f("type", pa.string(), "`date`, `time` (a clock time or part of a day), `duration` or `set`.", False),
            _f(
                "value",
                pa.string(),
                "TIMEX3 value: `2024-05-05`, `2024-05`, `2024`, `2024-W11`, `2024-03-14T12:30`, `P4Y`, "
                "`XXXX-12-24` when the year is unknown, decades `199` (docs/times.md).",
                False,
            ),
            _f(
                "resolved",
                pa.bool_(),
                'The value was computed from the publication date ("wczoraj"); without `published` such '
                "values stay open (`XXXX-XX-XX`), never guessed.",
                False,
            ),
            _f(
                "anchor", pa.string(), "What filled the value's open parts: `published`, `text` (an earlier day), NULL."
            ),
            _f(
                "mod",
                pa.string(),
                'TIMEX3 mod: ON_OR_AFTER ("od 1 lipca"), ON_OR_BEFORE ("do piątku"), BEFORE, AFTER, '
                "APPROX, START, MID, END, MORE_THAN, LESS_THAN; NULL if none.",
            ),
            _f("end_value", pa.string(), "On the first member of a range, the value of its last member."),
            _f("range_part", pa.string(), "`start` or `end` for the members of a range, else NULL."),
            *_EXTRACTOR,
            _DAY,
        ]
    ),
    key=("doc_id", "time_idx"),
    partitioned=True,
    doc="Every temporal expression in Polish documents, with its TIMEX3 value.",
)

ENTITIES = TableSpec(
    "entities",
    pa.schema(
        [
            _f("entity_id", pa.string(), "Entity id (as in `mentions.entity_id`).", False),
            _f(
                "label",
                pa.string(),
                "Entity type: the majority label of its name mentions (ties: place, organisation, "
                "geographical name, person).",
                False,
            ),
            _f(
                "name",
                pa.string(),
                "Canonical name: the capitalised spelling its mentions resolve to most often (then "
                "code-point order), never an adjective.",
                False,
            ),
            _f(
                "aliases",
                pa.list_(pa.string()),
                'Other names it is mentioned under ("USA" for Stany Zjednoczone), most frequent first.',
                False,
            ),
            _f("doc_count", pa.int64(), "Documents mentioning it (derived forms included).", False),
            _f(
                "story_count",
                pa.int64(),
                "Stories mentioning it (`documents.story_id`): near-duplicate copies of one article count once.",
                False,
            ),
            _f("mention_count", pa.int64(), "Mentions of it, derived forms included.", False),
            _f("derived_count", pa.int64(), 'Of those, derived forms ("brytyjski" for Wielka Brytania).', False),
            _f("first_seen", TS, "Earliest `published` of a document mentioning it (NULL if none is dated)."),
            _f("last_seen", TS, "Latest `published` of a document mentioning it."),
        ]
    ),
    key=("entity_id",),
    partitioned=False,
    doc="One row per entity, updated by every run for the entities it mentions. Files `b00/`…`b63/` (entities "
    "bucketed by a CRC-32 of their id, so a run rewrites only its entities' buckets); the folder names are not "
    "`key=value`, so readers see no partition column.",
)

REJECTS = TableSpec(
    "rejects",
    pa.schema(
        [
            _f("source_uri", pa.string(), "The input (file or `file#record`) that was refused.", False),
            _f(
                "reason",
                pa.string(),
                "Short stable code (docs/operations.md: Rejects), e.g. `binary`, `bad_json`, `missing_text`.",
                False,
            ),
            _f("detail", pa.string(), "What exactly was wrong.", False),
            _f("run_id", pa.string(), "Run that first refused it.", False),
        ]
    ),
    key=("source_uri", "reason", "detail"),
    partitioned=False,
    doc="Inputs that could not be processed, and why (each stored once).",
)

# Where a run's time goes, summed over workers (`runs.seconds_<stage>`).
STAGES = (
    "ingest",
    "normalize",
    "language",
    "segment",
    "entities",
    "times",
    "claims",
    "stories",
    "write",
    "publish",
)

RUNS = TableSpec(
    "runs",
    pa.schema(
        [
            _f("run_id", pa.string(), "Run id (time-ordered).", False),
            _f(
                "flow",
                pa.string(),
                "What ran: `run` (the CLI), `process-paths`, `ingest-inbox` (deployments), `reprocess`.",
                False,
            ),
            _f("started_at", TS, "Start time, UTC.", False),
            _f("finished_at", TS, "Publish time, UTC.", False),
            _f("parameters", pa.string(), "Parameters as JSON.", False),
            _f("data_version", pa.int64(), "Table version this run published.", False),
            _f("files", pa.int64(), "Input files read.", False),
            _f("docs_in", pa.int64(), "Articles read (valid records).", False),
            _f("docs_new", pa.int64(), "Documents stored by this run.", False),
            _f(
                "duplicates", pa.int64(), "Articles not stored because the same text was already stored or seen.", False
            ),
            _f("rejected", pa.int64(), "Rejected inputs (files or records).", False),
            _f("sentences", pa.int64(), "Sentences stored.", False),
            _f("mentions", pa.int64(), "Mentions stored.", False),
            _f("times", pa.int64(), "Temporal expressions stored.", False),
            _f("claims", pa.int64(), "Claims stored.", False),
            _f("words", pa.int64(), "Tokens in the stored documents.", False),
            _f(
                "arrivals",
                pa.int64(),
                "Rows added to `sources` (arrivals not recorded before; NULL for runs before `sources` existed).",
            ),
            _f(
                "new_stories",
                pa.int64(),
                "Stories founded by this run (NULL for runs before stories existed).",
            ),
            *[
                _f(f"seconds_{stage}", pa.float64(), f"Seconds spent in {stage} (summed over workers).", False)
                for stage in STAGES
            ],
            _f("seconds_total", pa.float64(), "Wall-clock seconds of the run.", False),
        ]
    ),
    key=("run_id",),
    partitioned=False,
    doc="One row per published run, with its counts and timings.",
)


def _index_field(name: str, type_: pa.DataType, doc: str) -> pa.Field:
    return _f(name, type_, doc, nullable=False)


# The story index (newsetl.stories): hidden tables, written and read only by the story
# step, in the layout and with the write options of newsetl.stories.index.
STORY_DOCS = TableSpec(
    "story_docs",
    pa.schema(
        [
            _index_field("doc", pa.uint64(), "Indexed document: its `doc_id` (16 hex digits) as an unsigned integer."),
            _index_field("story", pa.uint64(), "Its story: the founding document's `doc_id` as an unsigned integer."),
            _f(
                "day",
                pa.date32(),
                "UTC day of its `published` (NULL if undated): documents further apart than the window never link.",
            ),
            _index_field(
                "sketch", pa.binary(), "Low byte of each MinHash slot (b-bit MinHash), for checking candidates."
            ),
            _index_field(
                "n_shingles", pa.int32(), "Distinct five-word shingles of the text (0: no words, never matched)."
            ),
            _index_field(
                "scheme", pa.string(), "Signature scheme (library, algorithm, shingle size, slots, seed, bands)."
            ),
            _index_field("run_id", pa.string(), "Run that indexed the document."),
        ]
    ),
    key=("doc",),
    partitioned=False,
    doc="Story index (hidden): every document that has a story, with the sketch that verifies matches; "
    "folders `shard=<0-7>` by the doc's top bits.",
    hidden=True,
)

STORY_BANDS = TableSpec(
    "story_bands",
    pa.schema(
        [
            _index_field(
                "bucket", pa.uint64(), "LSH band bucket: band number in the high 32 bits, band hash in the low 32."
            ),
            _index_field("doc", pa.uint64(), "Document in the bucket (`story_docs.doc`)."),
        ]
    ),
    key=("bucket", "doc"),
    partitioned=False,
    doc="Story index (hidden): the LSH buckets of every indexed document, to find candidates by bucket; "
    "folders `month=<YYYY-MM or none>/bands=<0-7>` by the document's month (a run reads only the months "
    "near its documents') and band group.",
    hidden=True,
)

# The entities table's running totals (newsetl.tables.entity_totals): hidden tables from
# which a run updates the `entities` rows of the entities it mentions without reading the
# other mentions.
ENTITY_TERMS = TableSpec(
    "entity_terms",
    pa.schema(
        [
            _index_field("entity_id", pa.string(), "Entity (`mentions.entity_id`)."),
            _index_field(
                "kind",
                pa.string(),
                "What is counted: `name` (`mentions.entity_name`, all mentions), `label` (labels of name "
                "mentions), `derived_label` (labels of derived forms), `lemma` (base forms of name mentions).",
            ),
            _index_field("value", pa.string(), "The name, label or base form."),
            _index_field("n", pa.int64(), "Mentions with it (rows of several files add up)."),
        ]
    ),
    key=("entity_id", "kind", "value"),
    partitioned=False,
    doc="Entity totals (hidden): mention counts per entity and name, label or base form, one file per run "
    "sorted by entity (a key may recur in several files until compaction sums them).",
    hidden=True,
)

ENTITY_STORIES = TableSpec(
    "entity_stories",
    pa.schema(
        [
            _index_field("story_id", pa.string(), "Story (`documents.story_id`, or the doc id of a story-less one)."),
            _index_field("entity_id", pa.string(), "An entity mentioned in one of its documents."),
        ]
    ),
    key=("story_id", "entity_id"),
    partitioned=False,
    doc="Entity totals (hidden): which entities each story mentions (each pair once), files sorted by story, "
    "so that a run reads only the pairs of the stories its documents joined.",
    hidden=True,
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        DOCUMENTS,
        SOURCES,
        SENTENCES,
        MENTIONS,
        TIMES,
        CLAIMS,
        EXTRACTIONS,
        ENTITIES,
        REJECTS,
        RUNS,
        STORY_DOCS,
        STORY_BANDS,
        ENTITY_TERMS,
        ENTITY_STORIES,
    )
}


def visible_tables() -> list[str]:
    """The tables people read: each has a `DIR/<table>` link and a SQL view."""
    return [name for name, spec in TABLES.items() if not spec.hidden]
