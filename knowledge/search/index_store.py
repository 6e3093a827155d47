"""Saves a built library index to a directory and loads it back, memory-mapped.

Tokenising 10,000 directives takes about 10 s; reading the saved arrays takes well under
one. A saved index is a directory of .npy arrays (loaded with mmap_mode="r": pages are
read on demand and shared with the page cache) and one JSON file for the documents,
the vocabulary and the facets; no pickle, so a tampered cache cannot run code.
The caller (storage) chooses the directory and the key, a fingerprint of the table the
index was built from; a directory whose key differs is ignored.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.model import Reference
from knowledge.search.bm25 import BM25Index
from knowledge.search.facets import Facets
from knowledge.search.library import Library, LibraryParts
from knowledge.search.library_doc import DirectiveSource, LibraryDoc
from knowledge.search.tokens import TOKENS_VERSION, Vocabulary

FORMAT = 4  # bump when the saved layout or the tokenisation changes
META = "meta.json"
_BM25 = ("keys", "starts", "rows", "scores")
_INDEXES = ("passages", "labels", "documents")


def save(library: Library, directory: Path, key: str) -> None:
    """Write the index to directory/<key>, replacing older saved indexes there."""
    target = directory / _name(key)
    # Per process and thread: two savers of one key must not share a half-written folder.
    tmp = directory / f"tmp-{os.getpid()}-{threading.get_ident()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    parts = library.parts()
    arrays, facet_values = parts.facets.state()
    arrays = {f"facets_{k}": v for k, v in arrays.items()}
    arrays["row_start"] = parts.row_start
    arrays["vocab_ids"] = np.fromiter(parts.vocab.ids.values(), np.int64, len(parts.vocab.ids))
    indexes = (("passages", parts.passages), ("labels", parts.labels))
    for prefix, index in (*indexes, ("documents", parts.documents)):
        arrays |= {f"{prefix}_{name}": getattr(index, name) for name in _BM25}
    for name, array in arrays.items():
        np.save(tmp / f"{name}.npy", np.ascontiguousarray(array))
    meta = {
        "format": FORMAT,
        "tokens": TOKENS_VERSION,
        "key": key,
        "n_rows": {
            "passages": parts.passages.n_rows,
            "labels": parts.labels.n_rows,
            "documents": parts.documents.n_rows,
        },
        "docs": [_doc_row(d) for d in parts.docs],
        "vocab": list(parts.vocab.ids),
        "facets": facet_values,
    }
    # Written last: a directory without it is an interrupted save and is never loaded.
    (tmp / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    for old in directory.iterdir():
        # Unlinking files another reader has mapped is safe on POSIX: the pages stay.
        if old != target and old.name.startswith("index-"):
            shutil.rmtree(old, ignore_errors=True)


def load(directory: Path, key: str, source: DirectiveSource) -> Library | None:
    """The index saved under this key, or None when there is none (or it is unreadable)."""
    folder = directory / _name(key)
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        if (meta.get("format"), meta.get("tokens"), meta.get("key")) != (
            FORMAT,
            TOKENS_VERSION,
            key,
        ):
            return None
        return Library.restore(_parts(folder, meta, source))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remap(library: Library, directory: Path, key: str) -> bool:
    """Swap a just-saved library's arrays for their mapped copies; False if not saved."""
    # In place: no JSON re-read and no catalogue rebuild, unlike load (0.75 s at 10,000).
    folder = directory / _name(key)
    try:
        if not (folder / META).is_file():  # written last: the save was completed
            return False
        array = _mapper(folder)
        for prefix in _INDEXES:
            index = getattr(library, prefix)
            keys, starts, rows, scores = (array(f"{prefix}_{name}") for name in _BM25)
            setattr(library, prefix, BM25Index(keys, starts, rows, scores, index.n_rows))
        # The build's surface-word cache is only needed to tokenise a library: drop it.
        library.vocab = Vocabulary.of_ids(dict(library.vocab.ids))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


def _mapper(folder: Path) -> Callable[[str], np.ndarray]:
    def array(name: str) -> np.ndarray:
        return np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)

    return array


def _parts(folder: Path, meta: dict[str, Any], source: DirectiveSource) -> LibraryParts:
    array = _mapper(folder)
    facet_arrays = {k: array(f"facets_{k}") for k in ("days", "owners", "row_unit", "row_part")}
    indexes = [
        BM25Index(
            array(f"{prefix}_keys"),
            array(f"{prefix}_starts"),
            array(f"{prefix}_rows"),
            array(f"{prefix}_scores"),
            meta["n_rows"][prefix],
        )
        for prefix in _INDEXES
    ]
    return LibraryParts(
        [_doc_of(row, source) for row in meta["docs"]],
        Vocabulary.of_ids(dict(zip(meta["vocab"], array("vocab_ids").tolist(), strict=True))),
        Facets.restore(facet_arrays, meta["facets"]),
        np.asarray(array("row_start")),
        indexes[0],
        indexes[1],
        indexes[2],
    )


def _name(key: str) -> str:
    return f"index-{key}"


def folder_of(directory: Path, key: str) -> Path:
    """The folder an index saved under this key occupies (its files are copied as they are)."""
    return directory / _name(key)


def is_saved(directory: Path, key: str) -> bool:
    """Whether a completed save of this key is in the directory."""
    return (folder_of(directory, key) / META).is_file()


def _doc_row(doc: LibraryDoc) -> list[Any]:
    refs = [r.to_dict() for r in doc.references]
    day = doc.date.isoformat() if doc.date else None
    fields = (doc.id, doc.file, doc.number, doc.number_key, doc.doc_type, doc.doc_type_name)
    return [*fields, doc.issuer, day, doc.year, doc.title, refs]


def _doc_of(row: list[Any], source: DirectiveSource) -> LibraryDoc:
    doc_id, file, number, number_key, doc_type, type_name, issuer, day, year, title, refs = row
    return LibraryDoc(
        doc_id,
        file,
        number,
        number_key,
        doc_type,
        type_name,
        issuer,
        date.fromisoformat(day) if day else None,
        year,
        title,
        source=source,
        references=[Reference.from_dict(r) for r in refs],
    )
