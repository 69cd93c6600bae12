"""Dependency-tree look-ups the coder makes many times per sentence, answered from an index built once per Doc.

spaCy's ``Token.children`` walks the whole span between a token and the edge of its subtree and makes a new
``Token`` object for every child on every call; the coder asks for the children of the same verbs and nouns
dozens of times per sentence (voice, object, particles, negation, requirements, targets). ``children`` answers
from a table of child tuples built in one pass over the Doc and kept in ``Doc.user_data`` under a private key,
so it lives and dies with the Doc and no state is shared between documents.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

_KEY = "detente.extract.children"


def children(token: Token) -> tuple[Token, ...]:
    """The token's syntactic children in document order (the same tokens as ``Token.children``)."""
    doc = token.doc
    table = doc.user_data.get(_KEY)
    if table is None:
        table = doc.user_data[_KEY] = _table(doc)
    return table[token.i]


def release(doc: Doc) -> None:
    """Drop the table: its Tokens refer back to the Doc, a cycle that would keep the Doc (tensors included) alive
    until the garbage collector's full pass."""
    doc.user_data.pop(_KEY, None)


def lefts(token: Token) -> tuple[Token, ...]:
    """The children before the token (as ``Token.lefts``)."""
    return tuple(c for c in children(token) if c.i < token.i)


def _table(doc: Doc) -> tuple[tuple[Token, ...], ...]:
    kids: list[list[Token]] = [[] for _ in range(len(doc))]
    for token in doc:
        head = token.head
        if head.i != token.i:
            kids[head.i].append(token)
    return tuple(tuple(k) for k in kids)
