import pyarrow as pa

from newsetl.tables.invariants import violations_in

TEXT = "Ala ma kota. Kot ma Alę."


def tables(**changes: object) -> dict[str, pa.Table]:
    docs = pa.table({"doc_id": ["d1"], "text": [TEXT]})
    sentences = {
        "doc_id": ["d1", "d1"],
        "sentence_idx": [0, 1],
        "start": [0, 13],
        "end": [12, 24],
        "raw_start": [0, 13],
        "raw_end": [12, 24],
        "text": ["Ala ma kota.", "Kot ma Alę."],
    }
    mentions = {
        "doc_id": ["d1"],
        "mention_idx": [0],
        "sentence_idx": [0],
        "start": [0],
        "end": [3],
        "raw_start": [0],
        "raw_end": [3],
        "text": ["Ala"],
    }
    for key, value in changes.items():
        table, column = key.split("__")
        {"sentences": sentences, "mentions": mentions}[table][column] = value  # type: ignore[index]
    return {"documents": docs, "sentences": pa.table(sentences), "mentions": pa.table(mentions)}


def rules(found: list) -> list[str]:  # type: ignore[type-arg]
    return [f"{v.table}: {v.rule}" for v in found]


def test_clean_batch() -> None:
    assert violations_in(tables()) == []


def test_each_rule() -> None:
    assert rules(violations_in(tables(mentions__text=["Ola"]))) == ["mentions: text != documents.text[start:end]"]
    assert rules(violations_in(tables(mentions__doc_id=["d9"]))) == ["mentions: doc_id not in documents"]
    assert rules(violations_in(tables(mentions__end=[99]))) == ["mentions: offsets out of bounds or empty span"]
    assert rules(violations_in(tables(mentions__sentence_idx=[1]))) == ["mentions: span not inside its sentence"]
    assert "sentences: duplicate key ('doc_id', 'sentence_idx')" in rules(
        violations_in(tables(sentences__sentence_idx=[0, 0]))
    )


def test_violation_names_rows() -> None:
    found = violations_in(tables(mentions__text=["Ola"]))
    assert "d1@0:3" in str(found[0]) and "'Ola'" in str(found[0])
