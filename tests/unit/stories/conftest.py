"""Real articles for the story tests, and a tiny runner that publishes a run's index files."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from newsetl.stories import StoryAssignment, StoryParams, assign_stories, publish_local, story_signatures
from newsetl.stories.params import DEFAULT_PARAMS

Article = list[list[str]]  # paragraphs of sentences


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def render(article: Article) -> str:
    return "\n\n".join(" ".join(p) for p in article)


@pytest.fixture(scope="session")
def articles(shared_data: Path) -> list[Article]:
    """KPWr documents with at least four paragraphs and 120 words, and the seed article."""
    docs = json.loads((shared_data / "timex" / "kpwr_timex_pl.json").read_text(encoding="utf-8"))["docs"]
    texts = [d["text"] for d in docs]
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared_data / "seed").glob("*.txt"))]
    found = []
    for text in texts:
        paragraphs = [re.split(r"(?<=[.!?])\s+", p.strip()) for p in text.split("\n\n") if p.strip()]
        if len(paragraphs) >= 4 and len(text.split()) >= 120:
            found.append(paragraphs)
    assert len(found) >= 40
    return found


class Runner:
    """Feeds runs to the story step and publishes their index files, like the pipeline."""

    def __init__(self, root: Path, params: StoryParams = DEFAULT_PARAMS) -> None:
        self.root = root
        self.index = root / "index"
        self.params = params
        self.runs = 0

    def run(self, texts: Sequence[str], publish: bool = True) -> StoryAssignment:
        self.runs += 1
        stage = self.root / f"stage-{self.runs}"
        result = assign_stories(
            [doc_id(t) for t in texts],
            story_signatures(texts, self.params),
            self.index,
            stage,
            f"run{self.runs}",
            self.params,
        )
        if publish:
            publish_local(self.index, stage, result.files)
        return result

    def stories(self, texts: Sequence[str]) -> dict[str, str]:
        """doc id -> story id for one run of ``texts``."""
        result = self.run(texts)
        return dict(zip([doc_id(t) for t in texts], result.story_ids, strict=True))


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    return Runner(tmp_path)


@pytest.fixture
def make_runner(tmp_path: Path) -> Callable[[str], Runner]:
    def make(name: str) -> Runner:
        (tmp_path / name).mkdir()
        return Runner(tmp_path / name)

    return make


def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)
