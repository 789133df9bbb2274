"""Stories: near-duplicate articles grouped, incrementally and stably.

Entry points:

* :func:`story_signatures` — texts → MinHash signatures (pure);
* :func:`assign_stories` — a run's doc ids and signatures → story ids, and the index
  files to publish with the run (see ``assign.py`` for the contract, ``plan.py`` for the rule);
* :data:`INDEX_TABLES` — the index's two table specs (``story_docs``, ``story_bands``),
  for the store to carry from version to version;
* :func:`compact_index` — merge each index folder's files, keeping their sort and encodings.

``README.md`` beside this file: design, parameters and how they were chosen, measured
cost, and what depends on how input is split into runs.
"""

from newsetl.stories.assign import StoryAssignment, assign_stories
from newsetl.stories.index import (
    INDEX_TABLES,
    StoryIndex,
    StoryIndexError,
    compact_index,
    publish_local,
)
from newsetl.stories.params import DEFAULT_PARAMS, StoryParams
from newsetl.stories.signatures import Signatures, shingles, story_signatures
from newsetl.tables.schemas import STORY_BANDS, STORY_DOCS

__all__ = [
    "DEFAULT_PARAMS",
    "INDEX_TABLES",
    "STORY_BANDS",
    "STORY_DOCS",
    "Signatures",
    "StoryAssignment",
    "StoryIndex",
    "StoryIndexError",
    "StoryParams",
    "assign_stories",
    "compact_index",
    "publish_local",
    "shingles",
    "story_signatures",
]
