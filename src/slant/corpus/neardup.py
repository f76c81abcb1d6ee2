"""Near-duplicate articles: copies, rewrites and "A is contained in B", grouped into stories.

How it works (datasketch's MinHash, banded LSH, then a check on every candidate):

1. The cleaned text is normalised (lowercase, punctuation out, whitespace collapsed) and cut into
   overlapping word shingles of ``shingle_size`` words.
2. A MinHash signature (datasketch ``MinHash``, affine32 scheme) of the shingle set is kept with
   the number of distinct shingles, so both Jaccard and containment can be estimated later.
   Signatures serialise to a few hundred bytes (:meth:`Signature.to_bytes`): the store keeps them
   and an index is rebuilt from the store without re-reading any text.
3. The signature is cut into ``lsh_bands`` bands of ``lsh_rows`` values; two documents sharing one
   band are candidates. Small bands (2 rows) catch pairs down to Jaccard ~0.2, which a trimmed,
   paraphrased rewrite needs (see docs/design-corpus.md for the measurement).
4. Each candidate is checked on the full signatures: estimated Jaccard ``J`` and estimated
   containment of the smaller document in the larger, ``C = J (|A| + |B|) / ((1 + J) min(|A|, |B|))``.
   A pair is linked when ``J >= jaccard_threshold`` or ``C >= containment_threshold``.

Two LSH back-ends hold the bands: ``"compact"`` (the default: numpy arrays, ~1 KB per document)
and ``"datasketch"`` (``datasketch.MinHashLSH``; the same candidates, but ~20 KB per document in
its dict storage, so it suits corpora up to some tens of thousands or a Redis-backed setup).
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Iterable, Literal

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.lean_minhash import LeanMinHash

from slant.errors import SlantError
from slant.settings import CorpusSettings


class SignatureError(SlantError):
    """A stored near-duplicate signature cannot be used with these settings."""

    code = "E870"
    hint = ("the signature was made with other near-duplicate settings (num_perm, seed, shingle_size); "
            "rebuild the signatures from the documents' text")


LinkKind = Literal["copy", "rewrite", "contained"]


@dataclass(frozen=True, slots=True)
class Link:
    """``doc_id`` and ``other_id`` tell the same story; ``contained_id`` is the smaller one if it is
    (mostly) contained in the other."""

    doc_id: str
    other_id: str
    jaccard: float
    containment: float  # estimated share of the smaller document's shingles found in the larger
    kind: LinkKind
    contained_id: str | None = None

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "other_id": self.other_id, "jaccard": self.jaccard,
                "containment": self.containment, "kind": self.kind, "contained_id": self.contained_id}


# -- text to shingle hashes ---------------------------------------------------------------------

_PUNCTUATION_RE = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[^\W_]+")  # the words normalise_text keeps, found in one pass
_WORD_HASHES: dict[str, int] = {}
#: word -> hash cache bound: the vocabulary of a news archive is a few hundred thousand words
_WORD_CACHE_MAX = 500_000
_MIX = np.uint32(0x9E3779B1)  # golden-ratio multiplier: spreads the bits of the previous word


def normalise_text(text: str) -> str:
    """Lowercase, punctuation removed (apostrophes and quotes too), whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _PUNCTUATION_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


def _word_hash(word: str) -> int:
    value = _WORD_HASHES.get(word)
    if value is None:
        if len(_WORD_HASHES) >= _WORD_CACHE_MAX:
            _WORD_HASHES.clear()
        value = _WORD_HASHES[word] = zlib.crc32(word.encode("utf-8"))
    return value


def shingle_hashes(text: str, shingle_size: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word ``shingle_size``-grams of the normalised text."""
    words = _WORD_RE.findall(unicodedata.normalize("NFKC", text).lower())  # == normalise_text(text).split()
    if not words:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.fromiter((_word_hash(w) for w in words), dtype=np.uint32, count=len(words))
    if len(words) <= shingle_size:
        combined = hashes[:1].copy()
        for h in hashes[1:]:
            combined = combined * _MIX + h
        return np.unique(combined)
    n = len(words) - shingle_size + 1
    combined = hashes[:n].copy()
    for offset in range(1, shingle_size):  # polynomial hash of each window, vectorised over windows
        combined = combined * _MIX + hashes[offset:offset + n]
    return np.unique(combined)


def _identity(value):
    return value


# -- signatures ---------------------------------------------------------------------------------

_SIGNATURE_MAGIC = b"SLMH"
_SIGNATURE_VERSION = 1
_HEADER = struct.Struct("<4sBBHII")  # magic, version, shingle_size, num_perm, seed, n_shingles


@dataclass(frozen=True, slots=True)
class Signature:
    """A document's MinHash values plus its number of distinct shingles."""

    hashvalues: np.ndarray  # uint32, length num_perm
    size: int
    shingle_size: int
    seed: int

    @property
    def num_perm(self) -> int:
        return len(self.hashvalues)

    def to_bytes(self) -> bytes:
        """Compact little-endian bytes (16-byte header + 4 bytes per permutation)."""
        header = _HEADER.pack(_SIGNATURE_MAGIC, _SIGNATURE_VERSION, self.shingle_size, self.num_perm,
                              self.seed, self.size)
        return header + self.hashvalues.astype("<u4", copy=False).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Signature":
        """Read :meth:`to_bytes` output; raises SignatureError on anything else."""
        if len(data) < _HEADER.size:
            raise SignatureError(f"a signature needs at least {_HEADER.size} bytes, got {len(data)}")
        magic, version, shingle_size, num_perm, seed, size = _HEADER.unpack_from(data)
        if magic != _SIGNATURE_MAGIC or version != _SIGNATURE_VERSION:
            raise SignatureError(f"not a Slant signature (magic {magic!r}, version {version})")
        if len(data) != _HEADER.size + 4 * num_perm:
            raise SignatureError(f"signature of {num_perm} values has {len(data)} bytes")
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
        return cls(values, size, shingle_size, seed)

    def jaccard(self, other: "Signature") -> float:
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / self.num_perm


class _Hasher:
    """MinHash signatures for one setting (permutations drawn once, not per document)."""

    def __init__(self, settings: CorpusSettings):
        self.settings = settings
        template = MinHash(num_perm=settings.num_perm, seed=settings.seed, scheme="affine32")
        self.permutations = template.permutations

    def signature(self, text: str) -> Signature:
        hashes = shingle_hashes(text, self.settings.shingle_size)
        minhash = MinHash(num_perm=self.settings.num_perm, seed=self.settings.seed, hashfunc=_identity,
                          permutations=self.permutations, scheme="affine32")
        if len(hashes):
            minhash.update_batch(hashes)
        return Signature(minhash.hashvalues.astype(np.uint32), int(len(hashes)),
                         self.settings.shingle_size, self.settings.seed)


def make_signature(text: str, settings: CorpusSettings | None = None) -> Signature:
    """The near-duplicate signature of ``text`` (what the store keeps per document)."""
    return _hasher(settings or CorpusSettings()).signature(text)


_HASHERS: dict[CorpusSettings, _Hasher] = {}


def _hasher(settings: CorpusSettings) -> _Hasher:
    hasher = _HASHERS.get(settings)
    if hasher is None:
        hasher = _HASHERS[settings] = _Hasher(settings)
    return hasher


# -- LSH back-ends ------------------------------------------------------------------------------

class _CompactBands:
    """Band keys in sorted numpy arrays, with a small dict for the newest documents.

    datasketch's in-memory MinHashLSH keeps one Python set per bucket (~20 KB per document at 64
    bands); this keeps 12 bytes per band and document and gives the same candidates.
    """

    #: newest documents stay in a dict until this many band keys have gathered, then they are
    #: merged into the sorted arrays (a merge sorts everything: rare enough to cost little)
    MERGE_AT = 1 << 16

    def __init__(self, bands: int, rows: int):
        self.bands, self.rows = bands, rows
        self.sorted_keys = np.zeros(0, dtype=np.uint64)
        self.sorted_docs = np.zeros(0, dtype=np.int32)
        self.pending: dict[int, list[int]] = {}
        self.pending_count = 0
        # one odd 64-bit multiplier per band and row, fixed: band keys must not depend on the run
        gen = np.random.default_rng(20261129)
        self.multipliers = (gen.integers(1, 2**63, size=(bands, rows), dtype=np.uint64) | np.uint64(1))
        self.band_salt = gen.integers(1, 2**63, size=bands, dtype=np.uint64)

    def keys(self, hashvalues: np.ndarray) -> np.ndarray:
        values = hashvalues[: self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        with np.errstate(over="ignore"):
            mixed = (values * self.multipliers).sum(axis=1, dtype=np.uint64) ^ self.band_salt
            mixed ^= mixed >> np.uint64(31)
            mixed *= np.uint64(0x9E3779B97F4A7C15)
        return mixed

    def insert(self, doc: int, hashvalues: np.ndarray) -> None:
        for key in self.keys(hashvalues).tolist():
            self.pending.setdefault(key, []).append(doc)
        self.pending_count += self.bands
        if self.pending_count >= self.MERGE_AT + len(self.sorted_keys) // 8:
            self._merge()

    def _merge(self) -> None:
        keys = np.fromiter((k for k, docs in self.pending.items() for _ in docs), dtype=np.uint64)
        docs = np.fromiter((d for ds in self.pending.values() for d in ds), dtype=np.int32)
        all_keys = np.concatenate([self.sorted_keys, keys])
        all_docs = np.concatenate([self.sorted_docs, docs])
        order = np.argsort(all_keys, kind="stable")
        self.sorted_keys, self.sorted_docs = all_keys[order], all_docs[order]
        self.pending.clear()
        self.pending_count = 0

    def query(self, hashvalues: np.ndarray) -> np.ndarray:
        keys = self.keys(hashvalues)
        found: list[np.ndarray] = []
        if len(self.sorted_keys):
            lo = np.searchsorted(self.sorted_keys, keys, side="left")
            hi = np.searchsorted(self.sorted_keys, keys, side="right")
            for a, b in zip(lo.tolist(), hi.tolist()):
                if b > a:
                    found.append(self.sorted_docs[a:b])
        for key in keys.tolist():
            docs = self.pending.get(key)
            if docs:
                found.append(np.asarray(docs, dtype=np.int32))
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int32)

    def nbytes(self) -> int:
        return int(self.sorted_keys.nbytes + self.sorted_docs.nbytes) + self.pending_count * 150


class _DatasketchBands:
    """datasketch's MinHashLSH with explicit (bands, rows), keyed by the document's row number."""

    def __init__(self, bands: int, rows: int, num_perm: int, seed: int):
        self.lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
        self.seed = seed

    def insert(self, doc: int, hashvalues: np.ndarray) -> None:
        self.lsh.insert(doc, LeanMinHash(seed=self.seed, hashvalues=hashvalues, scheme="affine32"),
                        check_duplication=False)

    def query(self, hashvalues: np.ndarray) -> np.ndarray:
        found = self.lsh.query(LeanMinHash(seed=self.seed, hashvalues=hashvalues, scheme="affine32"))
        return np.asarray(sorted(found), dtype=np.int32)


# -- the index ----------------------------------------------------------------------------------

class NearDupIndex:
    """An incremental near-duplicate index: ``add`` each document once, get links to earlier ones."""

    def __init__(self, settings: CorpusSettings | None = None):
        self.settings = settings or CorpusSettings()
        s = self.settings
        self._hasher = _hasher(s)
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._signatures = np.zeros((1024, s.num_perm), dtype=np.uint32)
        self._sizes = np.zeros(1024, dtype=np.int64)
        if s.lsh_backend == "datasketch":
            self._bands: _CompactBands | _DatasketchBands = _DatasketchBands(s.lsh_bands, s.lsh_rows,
                                                                             s.num_perm, s.seed)
        else:
            self._bands = _CompactBands(s.lsh_bands, s.lsh_rows)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._row_of

    def signature_of(self, text: str) -> Signature:
        """The signature ``text`` would get in this index."""
        return self._hasher.signature(text)

    def signature(self, doc_id: str) -> Signature:
        """The stored signature of ``doc_id`` (KeyError when unknown)."""
        row = self._row_of[doc_id]
        return Signature(self._signatures[row].copy(), int(self._sizes[row]), self.settings.shingle_size,
                         self.settings.seed)

    def add(self, doc_id: str, text: str) -> list[Link]:
        """Index ``text`` under ``doc_id``; links to the earlier documents telling the same story."""
        return self.add_signature(doc_id, self._hasher.signature(text))

    def add_signature(self, doc_id: str, signature: Signature | bytes, *, link: bool = True) -> list[Link]:
        """Index a stored signature; ``link=False`` skips the lookup (rebuilding from a store)."""
        sig = self._check(signature)
        if doc_id in self._row_of:  # re-adding is a no-op: re-ingesting must not duplicate links
            return self._links(doc_id, sig, exclude=self._row_of[doc_id]) if link else []
        links = self._links(doc_id, sig) if link else []
        row = len(self._ids)
        if row == len(self._sizes):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])
        self._ids.append(doc_id)
        self._row_of[doc_id] = row
        self._signatures[row] = sig.hashvalues
        self._sizes[row] = sig.size
        if sig.size >= self.settings.min_shingles:
            self._bands.insert(row, sig.hashvalues)
        return links

    def query(self, text: str | Signature, *, doc_id: str = "") -> list[Link]:
        """Links from ``text`` (not added) to the indexed documents it shares a story with."""
        sig = self._hasher.signature(text) if isinstance(text, str) else self._check(text)
        return self._links(doc_id, sig)

    def _check(self, signature: Signature | bytes) -> Signature:
        sig = Signature.from_bytes(signature) if isinstance(signature, (bytes, bytearray, memoryview)) else signature
        s = self.settings
        if (sig.num_perm, sig.shingle_size, sig.seed) != (s.num_perm, s.shingle_size, s.seed):
            raise SignatureError(f"signature made with num_perm={sig.num_perm}, shingle_size={sig.shingle_size}, "
                                 f"seed={sig.seed}; this index uses {s.num_perm}, {s.shingle_size}, {s.seed}")
        return sig

    def _links(self, doc_id: str, sig: Signature, exclude: int | None = None) -> list[Link]:
        s = self.settings
        if sig.size < s.min_shingles or not self._ids:
            return []
        rows = self._bands.query(sig.hashvalues)
        if exclude is not None:
            rows = rows[rows != exclude]
        if not len(rows):
            return []
        jaccard = (self._signatures[rows] == sig.hashvalues).sum(axis=1) / s.num_perm
        sizes = self._sizes[rows]
        smaller = np.minimum(sizes, sig.size)
        containment = np.minimum(1.0, jaccard * (sizes + sig.size) / ((1.0 + jaccard) * np.maximum(smaller, 1)))
        keep = (jaccard >= s.jaccard_threshold) | (containment >= s.containment_threshold)
        links = []
        for row, j, c, size in zip(rows[keep].tolist(), jaccard[keep].tolist(), containment[keep].tolist(),
                                   sizes[keep].tolist()):
            other = self._ids[row]
            contained_id = None
            if j >= s.copy_threshold:
                kind: LinkKind = "copy"
            elif c >= s.containment_threshold and min(size, sig.size) <= s.contained_size_ratio * max(size, sig.size):
                kind = "contained"
                contained_id = doc_id if sig.size < size else other
            else:
                kind = "rewrite"
            links.append(Link(doc_id, other, round(j, 4), round(c, 4), kind, contained_id))
        links.sort(key=lambda link: (-link.jaccard, link.other_id))
        return links

    def memory_bytes(self) -> int:
        """Approximate bytes held by signatures and bands (the datasketch back-end is not counted)."""
        bands = self._bands.nbytes() if isinstance(self._bands, _CompactBands) else 0
        return int(self._signatures.nbytes + self._sizes.nbytes) + bands + 100 * len(self._ids)

    # -- adapters for the store (slant.corpus.ingest's NearDupHook looks for these two) -----------
    def save_signature(self, session, doc_id: str) -> None:
        """Write ``doc_id``'s signature through a store write session (``put_signature``)."""
        session.put_signature(doc_id, self.signature(doc_id).to_bytes(), num_perm=self.settings.num_perm,
                              seed=self.settings.seed)

    def load_store(self, store) -> int:
        """Index every stored document: from its stored signature, or from its text when the
        signature is missing or was made with other settings. Returns how many were indexed."""
        n = 0
        for row in store.iter_query("SELECT doc_id, signature FROM minhashes"):
            try:
                self.add_signature(row["doc_id"], bytes(row["signature"]), link=False)
                n += 1
            except SignatureError:
                continue  # picked up below from the text
        for row in store.iter_query("SELECT doc_id, text FROM documents ORDER BY rowid"):
            if row["doc_id"] not in self._row_of:
                self.add_signature(row["doc_id"], self._hasher.signature(row["text"] or ""), link=False)
                n += 1
        return n

    @classmethod
    def from_signatures(cls, items: Iterable[tuple[str, bytes | Signature]],
                        settings: CorpusSettings | None = None) -> "NearDupIndex":
        """Rebuild an index from stored ``(doc_id, signature bytes)`` without recomputing anything."""
        index = cls(settings)
        for doc_id, signature in items:
            index.add_signature(doc_id, signature, link=False)
        return index


# -- stories ------------------------------------------------------------------------------------

def cluster(links: Iterable[Link | tuple[str, str]], doc_ids: Iterable[str] = ()) -> dict[str, str]:
    """Union-find over links: doc_id -> cluster id, the smallest doc_id of its cluster.

    ``doc_ids`` adds documents without links as clusters of their own.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for link in links:
        a, b = (link.doc_id, link.other_id) if isinstance(link, Link) else link
        ra, rb = find(a), find(b)
        if ra != rb:  # the smaller id becomes the root, so the cluster id is its smallest member
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra
    for doc_id in doc_ids:
        find(doc_id)
    return {doc_id: find(doc_id) for doc_id in parent}


def earliest(cluster_members: Iterable[tuple[str, str | None]]) -> str:
    """The member published first: ISO dates compare as text; unknown dates last; ties by doc_id."""
    members = list(cluster_members)
    if not members:
        raise ValueError("earliest() needs at least one (doc_id, published) pair")
    return min(members, key=lambda m: (m[1] is None or m[1] == "", m[1] or "", m[0]))[0]
