"""How an extractor is declared: once, with its name, version, languages and output table.

Like spaCy's factories: a function that finds spans in a batch of documents is registered
with a decorator that states everything the pipeline needs to know about it::

    @EXTRACTORS.register(
        stage="claims", table="claims", index_column="claim_idx", fields=("value", ...),
        languages={"pl", "en"}, name="newsetl.claims.rules", version=lambda models: "1.0.0",
        needs=("entities",),
    )
    def claims(docs: Sequence[Document], models: Models) -> list[list[Claim]]: ...

The batch (:mod:`newsetl.extract.batch`) runs the registered extractors in registration
order, each on the documents in its languages, and builds their rows; the ``extractions``
table records ``(stage, name, version)`` per document; ``reprocess`` redoes documents
whose recorded version differs from :meth:`Registry.versions`; publishing and the
invariants take the output tables from here. Adding an extractor touches none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from newsetl.extract.models import Models
from newsetl.spans import Segmentation


class Span(Protocol):
    """What an extractor finds: a span of one sentence, plus the fields its table stores."""

    @property
    def sentence_idx(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Document:
    """One document as extractors see it (offsets index ``text``, the normalized text)."""

    text: str
    seg: Segmentation
    lang: str | None
    published: datetime | None
    # What the extractors that ran before found in this document, by stage.
    found: dict[str, Sequence[Any]] = field(default_factory=dict)


FindSpans = Callable[[Sequence[Document], Models], Sequence[Sequence[Span]]]


@dataclass(frozen=True)
class Extractor:
    """A registered extractor (see the module docstring)."""

    stage: str  # `extractions.stage` and `runs.seconds_<stage>`; how other extractors name it
    table: str  # the table its rows go to (declared in newsetl.tables.schemas)
    index_column: str  # the table's per-document position column ("claim_idx")
    fields: tuple[str, ...]  # attributes of each span stored as columns of the same name
    languages: frozenset[str]  # it runs on documents in these languages; others get no rows
    name: str  # recorded in the rows' `extractor` column
    version: Callable[[Models], str]  # recorded in `extractor_version`; may depend on a loaded model
    find: FindSpans  # spans per document, for documents in `languages` only
    needs: tuple[str, ...] = ()  # stages whose spans it reads from Document.found


class Registry:
    """The extractors, in the order they run."""

    def __init__(self) -> None:
        self._by_stage: dict[str, Extractor] = {}

    def register(
        self,
        *,
        stage: str,
        table: str,
        index_column: str,
        fields: Sequence[str],
        languages: Collection[str],
        name: str,
        version: Callable[[Models], str],
        needs: Sequence[str] = (),
    ) -> Callable[[FindSpans], FindSpans]:
        """Register the decorated function as the extractor of ``stage``."""

        def decorate(find: FindSpans) -> FindSpans:
            if stage in self._by_stage:
                raise ValueError(f"an extractor for stage {stage!r} is already registered")
            missing = [n for n in needs if n not in self._by_stage]
            if missing:
                raise ValueError(f"{stage!r} needs {missing}, which must be registered before it")
            self._by_stage[stage] = Extractor(
                stage, table, index_column, tuple(fields), frozenset(languages), name, version, find, tuple(needs)
            )
            return find

        return decorate

    def __iter__(self) -> Iterator[Extractor]:
        return iter(self._by_stage.values())

    def __getitem__(self, stage: str) -> Extractor:
        return self._by_stage[stage]

    def tables(self) -> tuple[str, ...]:
        """The extractors' output tables, in order."""
        return tuple(e.table for e in self)

    def versions(self, models: Models) -> Mapping[str, str]:
        """Each stage's current version (what ``reprocess`` compares the recorded one with)."""
        return {e.stage: e.version(models) for e in self}
