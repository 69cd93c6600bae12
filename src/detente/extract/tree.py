"""Read-only views of a parsed Doc's tokens, built once per Doc, with the names and meanings of spaCy's attributes.

Every attribute of a spaCy ``Token`` is a Cython property that makes a new Python string or a new ``Token`` on each
read, and ``Token.children`` walks the span between a token and the edge of its subtree on each call; the coder
reads the same few attributes of the same verbs and nouns thousands of times per article. ``view(doc)`` reads the
parse once (``Doc.to_array``; a string id is decoded once per process) into plain objects: a ``Token`` here holds
its strings, its head and its children as attributes, and there is one ``Token`` per position, so ``is``, ``==``
and sets of tokens behave as spaCy's do. A ``Span`` here is a slice of a ``Doc`` view (a sentence, a date).

Only what the coder reads is there. Read once: ``i``, ``text``, ``whitespace_``, ``idx``, ``lower_``, ``lemma_``,
``pos_``, ``tag_``, ``dep_``, ``head``, ``children`` (a tuple), ``doc`` and ``sent``. Worked out when asked:
``text_with_ws``, ``subtree``, ``conjuncts`` and ``ancestors`` (spaCy's walks, over the views), and ``left_edge``,
``right_edge`` and ``like_num``, asked of spaCy (its edges are not always the subtree's on a
non-projective parse). What only spaCy can do (the phrase matcher, ``char_span``) is done on the parsed Doc,
``Doc.spacy_doc``.

The views refer to one another (a head to its children and back) and to the parsed Doc; ``Doc.release`` breaks
those links when the article is coded, so that the views and the Doc (tensors included) are freed at once rather
than at the garbage collector's next full pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import overload

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as _POS_NAMES
from spacy.tokens import Doc as SpacyDoc

# the columns ``view`` reads; the first five are string ids
_COLUMNS = [ORTH, LOWER, LEMMA, TAG, DEP, POS, HEAD, IDX, SPACY]
_STRINGS = 5


class Token:
    """One token of a ``Doc`` view (see the module docstring)."""

    __slots__ = (
        "children",
        "dep_",
        "doc",
        "head",
        "i",
        "idx",
        "lemma_",
        "lower_",
        "pos_",
        "sent",
        "tag_",
        "text",
        "whitespace_",
    )

    doc: Doc
    i: int
    text: str
    whitespace_: str
    idx: int
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    head: Token
    children: tuple[Token, ...]
    sent: Span

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def subtree(self) -> list[Token]:
        """The token and its descendants in spaCy's order (left children's subtrees, the token, right children's
        subtrees: document order on a projective parse)."""
        found: list[Token] = []
        tokens = self.doc.tokens
        stack: list[Token | int] = [self]  # a token: its subtree, still to walk; an index: that token alone
        while stack:  # no recursion: a long sentence can be a deep tree
            item = stack.pop()
            if isinstance(item, int):
                found.append(tokens[item])
            elif not item.children:
                found.append(item)  # most words
            else:
                i = item.i
                stack += [c for c in reversed(item.children) if c.i > i]
                stack.append(i)
                stack += [c for c in reversed(item.children) if c.i < i]
        return found

    @property
    def conjuncts(self) -> tuple[Token, ...]:
        """The tokens coordinated with this one, itself excluded (spaCy's walk: up the ``conj`` arcs, then down
        the right children that are ``conj``)."""
        start = self
        while start.dep_ == "conj" and start.head is not start:
            start = start.head
        found = [start]
        for word in found:
            for child in word.children:
                if child.i > word.i and child.dep_ == "conj":
                    found.append(child)
        if len(found) == 1 and start is self:
            return ()  # most words
        return tuple(w for w in found if w is not self)

    @property
    def ancestors(self) -> Iterator[Token]:
        node = self
        for _ in range(len(self.doc)):
            if node.head is node:
                return
            node = node.head
            yield node

    @property
    def left_edge(self) -> Token:
        return self.doc.tokens[self.doc.edges(self.i)[0]]

    @property
    def right_edge(self) -> Token:
        return self.doc.tokens[self.doc.edges(self.i)[1]]

    @property
    def like_num(self) -> bool:
        return self.doc.spacy_doc[self.i].like_num

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text


class Span:
    """Tokens ``start`` to ``end`` (exclusive) of a ``Doc`` view."""

    __slots__ = ("doc", "end", "start")

    def __init__(self, doc: Doc, start: int, end: int):
        self.doc = doc
        self.start = start
        self.end = end

    @property
    def start_char(self) -> int:
        return self.doc.tokens[self.start].idx if self.end > self.start else 0

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return 0
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    @property
    def root(self) -> Token:
        """The sentence root inside the span, else (spaCy's rule, asked of spaCy) the token nearest the root."""
        tokens = self.doc.tokens
        for i in range(self.start, self.end):
            if tokens[i].head is tokens[i]:
                return tokens[i]
        return tokens[self.doc.spacy_doc[self.start:self.end].root.i]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start:self.end])

    def __len__(self) -> int:
        return self.end - self.start

    def __repr__(self) -> str:
        return self.text


class Doc:
    """A view of a parsed spaCy Doc: its tokens as ``Token`` views, its sentences as ``Span`` views."""

    __slots__ = ("_edges", "_text", "sents", "spacy_doc", "tokens")

    def __init__(self, doc: SpacyDoc, names: dict[int, str]):
        self.spacy_doc: SpacyDoc = doc
        self.tokens: tuple[Token, ...] = _tokens(self, doc, names)
        self._text: str | None = None
        self._edges: dict[int, tuple[int, int]] = {}
        sents = []
        for sent in doc.sents:
            span = Span(self, sent.start, sent.end)
            sents.append(span)
            for token in self.tokens[sent.start:sent.end]:
                token.sent = span
        self.sents: tuple[Span, ...] = tuple(sents)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join([t.text + t.whitespace_ for t in self.tokens])
        return self._text

    def edges(self, i: int) -> tuple[int, int]:
        """The indices of token ``i``'s left and right edges, as spaCy has them."""
        found = self._edges.get(i)
        if found is None:
            token = self.spacy_doc[i]
            found = self._edges[i] = (token.left_edge.i, token.right_edge.i)
        return found

    def char_span(self, start: int, end: int, alignment_mode: str = "strict") -> Span | None:
        """spaCy's ``Doc.char_span``, as a view."""
        span = self.spacy_doc.char_span(start, end, alignment_mode=alignment_mode)
        return None if span is None else Span(self, span.start, span.end)

    @overload
    def __getitem__(self, key: int) -> Token: ...

    @overload
    def __getitem__(self, key: slice) -> Span: ...

    def __getitem__(self, key: int | slice) -> Token | Span:
        if isinstance(key, slice):
            start, end, _ = key.indices(len(self.tokens))
            return Span(self, start, max(start, end))
        return self.tokens[key]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    def release(self) -> None:
        """Break the links between the views and to the parsed Doc (see the module docstring); the view is not to
        be read after."""
        for token in self.tokens:
            del token.head  # what is left is a tree (children) and links to the Doc view, which no longer links back
        self.tokens = ()
        self.sents = ()
        del self.spacy_doc


def view(doc: SpacyDoc, names: dict[int, str]) -> Doc:
    """The view of a parsed Doc. Release it (``Doc.release``) when done.

    ``names``: the strings of spaCy's string ids decoded so far, filled as new ids come (a ``StringStore`` makes a
    new ``str`` on every look-up, and an article's words are mostly the words of the articles before it): the
    caller keeps it from one Doc to the next."""
    return Doc(doc, names)


def children(token: Token) -> tuple[Token, ...]:
    """The token's syntactic children in document order (the same tokens as ``Token.children``)."""
    return token.children


def tokens(span: Span) -> tuple[Token, ...]:
    """The span's tokens."""
    return span.doc.tokens[span.start:span.end]


def lefts(token: Token) -> tuple[Token, ...]:
    """The children before the token (as ``Token.lefts``)."""
    return tuple(c for c in token.children if c.i < token.i)


def _tokens(owner: Doc, doc: SpacyDoc, names: dict[int, str]) -> tuple[Token, ...]:
    """The Doc's tokens as views, read in one pass."""
    n = len(doc)
    if n == 0:
        return ()
    table = doc.to_array(_COLUMNS).reshape(n, len(_COLUMNS))
    ids, where = np.unique(table[:, :_STRINGS], return_inverse=True)  # each string id looked up once
    keys = ids.tolist()
    try:
        strings = [names[k] for k in keys]
    except KeyError:
        vocab = doc.vocab.strings
        names.update((k, vocab[k]) for k in keys if k not in names)
        strings = [names[k] for k in keys]
    decoded = np.array(strings, dtype=object)[where.reshape(n, _STRINGS).T]
    texts, lowers, lemmas, tags, deps = decoded.tolist()
    pos = [_POS_NAMES[p] for p in table[:, 5].tolist()]
    heads = (np.arange(n, dtype=np.int64) + table[:, 6].astype(np.int64)).tolist()
    spaces = [" " if s else "" for s in table[:, 8].tolist()]
    new = object.__new__
    every = [new(Token) for _ in range(n)]
    kids: list[list[Token]] = [[] for _ in range(n)]
    for token, i, text, space, idx, lower, lemma, tag, dep, part, head in zip(
            every, range(n), texts, spaces, table[:, 7].tolist(), lowers, lemmas, tags, deps, pos, heads, strict=True):
        token.doc = owner
        token.i = i
        token.text = text
        token.whitespace_ = space
        token.idx = idx
        token.lower_ = lower
        token.lemma_ = lemma
        token.pos_ = part
        token.tag_ = tag
        token.dep_ = dep
        token.head = every[head]
        if head != i:
            kids[head].append(token)
    for token, own in zip(every, kids, strict=True):
        token.children = tuple(own)
    return tuple(every)
