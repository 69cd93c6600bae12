"""Near-duplicate stories: republished and lightly edited copies of one story, clustered across the corpus.

In: one text per article, as articles arrive. Out: a cluster id per article.

- **Signature.** The text is normalised (NFKC, case-folded, cut into runs of letters and digits, so punctuation,
  line breaks and spacing do not count) and cut into shingles of ``shingle`` consecutive words; a MinHash with
  ``num_perm`` permutations (``seed``) summarises the set of shingles. ``signature`` returns it as bytes
  (datasketch's lean serialisation, little-endian) for the store to keep next to the article.
- **Link.** LSH (datasketch ``MinHashLSH`` tuned to ``threshold``) proposes candidates. A candidate is linked
  when the estimated Jaccard similarity of the two shingle sets is at least ``threshold``. Both tests are
  symmetric, so whether two articles are linked does not depend on which came first. Identical texts have
  identical signatures and always link. A text with no words has an empty signature and links to nothing.
- **Cluster.** Clusters are the connected components of the links (union-find). A cluster's id is its smallest
  article_id, so it does not depend on insertion order either. Adding an article can merge two clusters, and
  then the earlier articles of one of them change id: ``add`` returns only the new article's id, and
  ``clusters()`` gives the current id of every article so the caller can update what it stored.

The index is an object the caller owns and passes around. There is no module state. Rebuild it from stored
signatures with ``add``.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import struct
import unicodedata

from datasketch import LeanMinHash, MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
_BYTEORDER = "<"
_FIRST_UINT32 = struct.Struct("<I").unpack_from  # datasketch's ``sha1_hash32``: SHA-1's first 4 bytes, little-endian


def words_of(text: str) -> list[str]:
    """The normalised words of a text: NFKC, case-folded, runs of letters and digits."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles_of(text: str, size: int) -> set[str]:
    """Every run of ``size`` consecutive normalised words (the whole text if it is shorter)."""
    words = words_of(text)
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _shingle_hashes(text: str, size: int) -> list[int]:
    """datasketch's ``sha1_hash32`` of each of ``shingles_of(text, size)``, in no particular order. The shingles are
    cut from the UTF-8 bytes of the words joined once (each a slice, not a join of its words and an encoding), and
    the hashes' first four bytes are read in one ``struct`` call: a third of the time, the same values."""
    words = words_of(text)
    if len(words) <= size:
        return [_FIRST_UINT32(hashlib.sha1(" ".join(words).encode("utf-8")).digest())[0]] if words else []
    joined = " ".join(words)
    data = joined.encode("utf-8")
    lengths = map(len, words) if len(data) == len(joined) else (len(w.encode("utf-8")) for w in words)
    starts = [0, *itertools.accumulate(n + 1 for n in lengths)]  # where each word starts (+1: the space)
    shingles = {data[starts[i]:starts[i + size] - 1] for i in range(len(words) - size + 1)}
    sha1 = hashlib.sha1
    firsts = b"".join([sha1(shingle).digest()[:4] for shingle in shingles])
    return list(struct.unpack(f"<{len(shingles)}I", firsts))


class NearDupIndex:
    """MinHash LSH over normalised word shingles. An object you pass in; no module state."""

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, shingle: int = 4, seed: int = 1):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if shingle < 1:
            raise ValueError(f"shingle must be at least 1 word, got {shingle}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.seed = seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        # An empty sketch whose random permutations are drawn once; each signature starts from a copy of it and is
        # fed the hashes datasketch's default hash function gives, computed in one pass by ``signature``.
        self._blank = MinHash(num_perm=num_perm, seed=seed, hashfunc=int)
        self._sketches: dict[str, LeanMinHash] = {}
        self._parent: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._parent)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._parent

    # -- signatures -----------------------------------------------------------------------------------------------
    def signature(self, text: str) -> bytes:
        """The serialisable MinHash of ``text``'s shingles (the store keeps it per article)."""
        sketch = self._blank.copy()  # a minimum per permutation: the order of the shingles does not matter
        sketch.update_batch(_shingle_hashes(text, self.shingle))
        lean = LeanMinHash(sketch)
        buffer = bytearray(lean.bytesize(_BYTEORDER))
        lean.serialize(buffer, _BYTEORDER)
        return bytes(buffer)

    def _load(self, signature: bytes) -> LeanMinHash:
        try:
            sketch = LeanMinHash.deserialize(signature, _BYTEORDER)
        except Exception as exc:  # struct.error, ValueError: not one of our signatures
            raise ValueError(f"not a near-duplicate signature: {exc}") from exc
        if sketch.seed != self.seed or len(sketch) != self.num_perm:
            raise ValueError(
                f"signature made with seed={sketch.seed}, num_perm={len(sketch)}; this index uses "
                f"seed={self.seed}, num_perm={self.num_perm}")
        return sketch

    # -- clusters -------------------------------------------------------------------------------------------------
    def add(self, article_id: str, signature: bytes) -> str:
        """Insert an article and link it to its near-duplicates; return its cluster id.

        Adding an article that is already in the index changes nothing.
        """
        if article_id in self._parent:
            return self._find(article_id)
        sketch = self._load(signature)
        self._parent[article_id] = article_id
        if sketch.is_empty():
            return article_id
        for other in self._lsh.query(sketch):
            if self._find(other) == self._find(article_id):
                continue  # already linked by way of another candidate: a link would change nothing
            if sketch.jaccard(self._sketches[other]) >= self.threshold:
                self._union(article_id, other)
        self._lsh.insert(article_id, sketch, check_duplication=False)
        self._sketches[article_id] = sketch
        return self._find(article_id)

    def cluster_of(self, article_id: str) -> str:
        if article_id not in self._parent:
            raise KeyError(f"article {article_id!r} is not in the near-duplicate index")
        return self._find(article_id)

    def clusters(self) -> dict[str, str]:
        """article_id -> cluster id, for every article added."""
        return {article_id: self._find(article_id) for article_id in self._parent}

    def _find(self, article_id: str) -> str:
        parent = self._parent
        node = article_id
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    def _union(self, a: str, b: str) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a != root_b:
            low, high = sorted((root_a, root_b))
            self._parent[high] = low  # the root is always the component's smallest id
