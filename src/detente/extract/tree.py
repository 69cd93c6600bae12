"""Dependency-tree look-ups the coder makes many times per sentence, answered from an index built once per Doc.

spaCy's ``Token.children`` walks the whole span between a token and the edge of its subtree and makes a new
``Token`` object for every child on every call; the coder asks for the children of the same verbs and nouns
dozens of times per sentence (voice, object, particles, negation, requirements, targets). ``children`` answers
from a table of child tuples built in one pass over the Doc and kept in ``Doc.user_data`` under a private key,
so it lives and dies with the Doc and no state is shared between documents.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_KEY = "detente.extract.children"


def children(token: Token) -> tuple[Token, ...]:
    """The token's syntactic children in document order (the same tokens as ``Token.children``)."""
    return _tables(token.doc)[1][token.i]


def tokens(span: Span) -> tuple[Token, ...]:
    """The span's tokens, made once per Doc (``list(span)`` makes new Token objects on every call)."""
    return _tables(span.doc)[0][span.start:span.end]


def _tables(doc: Doc) -> tuple[tuple[Token, ...], tuple[tuple[Token, ...], ...]]:
    tables = doc.user_data.get(_KEY)
    if tables is None:
        tables = doc.user_data[_KEY] = _table(doc)
    return tables


def release(doc: Doc) -> None:
    """Drop the table: its Tokens refer back to the Doc, a cycle that would keep the Doc (tensors included) alive
    until the garbage collector's full pass."""
    doc.user_data.pop(_KEY, None)


def lefts(token: Token) -> tuple[Token, ...]:
    """The children before the token (as ``Token.lefts``)."""
    return tuple(c for c in children(token) if c.i < token.i)


def _table(doc: Doc) -> tuple[tuple[Token, ...], tuple[tuple[Token, ...], ...]]:
    every = tuple(doc)
    kids: list[list[Token]] = [[] for _ in range(len(doc))]
    for token in every:
        head = token.head.i
        if head != token.i:
            kids[head].append(token)
    return every, tuple(tuple(k) for k in kids)
