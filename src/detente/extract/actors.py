"""Actor mentions in a parsed sentence, and the actors a noun phrase refers to.

``ActorIndex`` is compiled once per process from the lexicon (phrase matchers over token text). For one ``Doc`` it
finds mentions (countries, capitals, seats of government, organisations, institutions, people) and resolves the
head token of an argument (subject, object, prepositional object) to ``Actor`` records: "Japan" -> JPN,
"a Seoul court" -> KOR JUD, "South Korea's foreign ministry" -> KOR GOV, "Abe" in 2019 -> JPN GOV,
"Japan and South Korea" -> two actors, "it" -> the last actor named before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc as SpacyDoc
from spacy.vocab import Vocab

from detente.extract.tree import Doc, Token, children, lefts  # views of spaCy's, made once per Doc
from detente.extract.words import Words
from detente.lexicon import Lexicon
from detente.lexicon.schema import CountryGroupEntry, PersonEntry
from detente.records import Actor

Kind = Literal["country", "adjective", "capital", "seat", "org", "institution", "person", "ambiguous", "place"]

# Dependency labels through which a modifier names the country of its head noun.
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod", "nummod"}
_OWNER_PREPS = {"of", "in", "from", "at"}
_PRONOUNS = {"it", "they", "its", "their", "itself", "themselves", "he", "she", "his", "her", "them"}
_OBJECT_DEPS = {"dobj", "pobj", "dative", "iobj"}
_PLACE_PREPS = {"to", "in", "into", "at", "from", "near", "around", "inside", "across", "toward", "towards"}
_PLURAL_PRONOUNS = {"they", "their", "themselves", "them"}
_PERSONAL_PRONOUNS = {"he", "she", "his", "her", "him", "himself", "herself"}


@dataclass(frozen=True, slots=True)
class Ref:
    """What a matched phrase can refer to."""

    kind: Kind
    code: str
    key: str  # lexicon entry id
    name: str
    sector: str | None = None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    refs: tuple[Ref, ...]

    def ref(self) -> Ref:
        return self.refs[0]


@dataclass
class Salience:
    """Actors named so far in an article: subjects (for "it", "they") and all mentions (for "the two countries").

    What a sentence adds can be noted as work (``defer``), done in order when the list is next read: an article
    looks back on few of its sentences, so most of that work is never needed."""

    _subjects: list[list[Actor]] = field(default_factory=list)  # one group per subject phrase, in order
    _mentioned: list[Actor] = field(default_factory=list)
    _subjects_later: list[Callable[[], list[list[Actor]]]] = field(default_factory=list)
    _mentioned_later: list[Callable[[], list[Actor]]] = field(default_factory=list)

    @property
    def subjects(self) -> list[list[Actor]]:
        for work in self._subjects_later:
            self._subjects.extend(work())
        self._subjects_later.clear()
        return self._subjects

    @property
    def mentioned(self) -> list[Actor]:
        for work in self._mentioned_later:
            self._mentioned.extend(work())
        self._mentioned_later.clear()
        return self._mentioned

    def defer(self, mentioned: Callable[[], list[Actor]], subjects: Callable[[], list[list[Actor]]]) -> None:
        """Note what the next sentence adds: functions that return its actors and its subject groups. They must not
        depend on when they are called (resolve without a ``Salience``)."""
        self._mentioned_later.append(mentioned)
        self._subjects_later.append(subjects)


@dataclass
class DocActors:
    """Mentions of one doc, by token index, plus the context needed to resolve ambiguous ones."""

    doc: Doc
    by_token: dict[int, Mention] = field(default_factory=dict)
    preferred: tuple[str, ...] = ()  # country codes to prefer for ambiguous names (outlet country, named ones)
    # The actor each (mention start, end, day, as head) stands for, once ``ActorIndex`` has worked it out: an
    # article refers to the same mention again and again (subject, object, "the two countries", salience).
    resolved: dict[tuple[int, int, date | None, bool], Actor] = field(default_factory=dict, repr=False)


def _strip_article(phrase: str) -> str:
    phrase = phrase.strip()
    return phrase[4:] if phrase.lower().startswith("the ") and len(phrase) > 4 else phrase


class ActorIndex:
    """Compiled actor lexicon. Build once per process; ``mentions`` and ``resolve`` are per doc."""

    def __init__(self, lexicon: Lexicon, vocab: Vocab, make_doc: Callable[[str], SpacyDoc]):
        self.lexicon = lexicon
        self.words = Words.from_lexicon(lexicon)
        groups = lexicon.country_groups.values()
        self._plurals: dict[str, CountryGroupEntry] = {w: g for g in groups for w in g.plurals}
        self._inter: dict[str, CountryGroupEntry] = {w: g for g in groups for w in g.inter}
        self._refs: dict[str, list[Ref]] = {}
        self._matcher = PhraseMatcher(vocab, attr="ORTH")
        self._add_entries(lexicon)
        # seas and treaties named after a country or a city ("the Gulf of Oman", "the Rome Statute"): the place
        # inside them is no mention
        self._placeless = PhraseMatcher(vocab, attr="LOWER")
        self._placeless.add("placeless", [make_doc(name) for name in sorted(self.words.names_without_country)])
        self._by_key: dict[int, tuple[Ref, ...]] = {}
        for phrase, refs in self._refs.items():
            self._matcher.add(phrase, [make_doc(phrase)])
            self._by_key[vocab.strings[phrase]] = tuple(_dedupe(refs))
        self.sector_nouns: dict[str, str] = {}
        self.sector_phrases: dict[tuple[str, ...], str] = {}
        for sector in lexicon.sectors.values():
            for noun in sector.nouns:
                words = tuple(noun.lower().split())
                if len(words) == 1:
                    self.sector_nouns.setdefault(words[0], sector.code)
                else:
                    self.sector_phrases.setdefault(words, sector.code)
        self._max_phrase = max((len(w) for w in self.sector_phrases), default=1)

    # -- compile -------------------------------------------------------------------------------------------------
    def _put(self, phrase: str, ref: Ref) -> None:
        phrase = _strip_article(phrase)
        if phrase:
            self._refs.setdefault(phrase, []).append(ref)

    def _add_entries(self, lexicon: Lexicon) -> None:
        for c in lexicon.countries.values():
            key = f"country:{c.code}"
            for phrase in [c.name, *([c.official] if c.official else []), *c.aliases]:
                self._put(phrase, Ref("country", c.code, key, c.name))
            for phrase in c.adjectives:
                self._put(phrase, Ref("adjective", c.code, key, c.name))
            for phrase in c.capitals:
                self._put(phrase, Ref("capital", c.code, key, c.name))
            for phrase in c.seats:
                self._put(phrase, Ref("seat", c.code, key, c.name, "GOV"))
            for phrase in c.ambiguous:
                self._put(phrase, Ref("ambiguous", c.code, key, c.name))
        for o in lexicon.organisations.values():
            key = f"org:{o.code}"
            for phrase in [o.name, *o.aliases, *o.adjectives]:
                self._put(phrase, Ref("org", o.code, key, o.name, o.sector))
            for phrase in o.seats:
                self._put(phrase, Ref("org", o.code, key, o.name, o.sector))
        for i, inst in enumerate(lexicon.institutions):
            for phrase in inst.text:
                self._put(phrase, Ref("institution", inst.country, f"institution:{i}", phrase, inst.sector))
        for i, place in enumerate(lexicon.places):
            for phrase in [place.name, *place.aliases]:
                self._put(phrase, Ref("place", place.country, f"place:{i}", place.name))
        for p in lexicon.people.values():
            for phrase in {p.name, *p.variants}:
                self._put(phrase, Ref("person", p.country, f"person:{p.id}", p.name))

    # -- per doc -------------------------------------------------------------------------------------------------
    def mentions(self, doc: Doc, outlet_country: str | None = None) -> DocActors:
        keys: dict[tuple[int, int], int] = {}
        placeless = {i for _, start, end in self._placeless(doc.spacy_doc, as_spans=False) for i in range(start, end)}
        for key, start, end in self._matcher(doc.spacy_doc, as_spans=False):
            if _is_name_span(doc, start, end) and start not in placeless:
                keys.setdefault((start, end), key)
        result = DocActors(doc)
        named: list[str] = []
        # a surname first seen inside someone else's full name ("Kim Hyun-chong ... Kim warned") means that
        # person for the rest of the article, not the leader who also carries it
        surnames = {start for (start, end), key in keys.items()
                    if end - start == 1 and all(r.kind == "person" for r in self._by_key[key])}
        inside = {start for start in surnames if self._part_of_other_name(doc, start, surnames)}
        others: dict[str, int] = {}
        for start in sorted(inside):
            others.setdefault(doc[start].text, start)
        for start, end in _longest_first(keys):
            refs = self._by_key[keys[(start, end)]]
            if start > 0 and doc[start - 1].lower_ == "ethnic" and all(r.kind == "adjective" for r in refs):
                continue  # "ethnic Albanians in southern Serbia" are not Albania
            if end - start == 1 and (start in inside or (
                    start in surnames and others.get(doc[start].text, start + 1) <= start)):
                continue  # "Kim Yong-chol", "Jill Biden": a bare surname inside someone else's full name
            mention = Mention(start, end, refs)
            for i in range(start, end):
                result.by_token[i] = mention
            if len(refs) == 1 and refs[0].kind != "ambiguous":
                named.append(refs[0].code)
            elif all(r.kind == "person" for r in refs):  # a name several leaders carry ("Kim"): their countries
                named.extend(dict.fromkeys(r.code for r in refs))
        self._short_references(doc, result)
        self._halves(doc, result, named)
        preferred = [outlet_country] if outlet_country else []
        preferred += sorted(set(named), key=named.count, reverse=True)
        result.preferred = tuple(preferred)
        return result

    def _part_of_other_name(self, doc: Doc, i: int, surnames: set[int]) -> bool:
        """Token ``i``, a bare surname, belongs to a longer name nobody in the lexicon carries: a capitalised
        name word joined to it on either side that is not a title ("President Kim", "Mr Abe"), or by a hyphen
        ("Yunus-Bek Yevkurov", but not "Putin-Xi talks", two ``surnames``), or an ordinary person the text describes
        ("Kim, a 58-year-old office worker")."""
        if any(c.dep_ == "appos" and c.pos_ == "NOUN" and self.sector_nouns.get(c.lower_) not in _OFFICE_SECTORS
               for c in children(doc[i])):
            return True
        for j, dash in ((i - 2, i - 1), (i + 2, i + 1)):
            # "Yunus-Bek Yevkurov", "Nazanin Zaghari-Ratcliffe": a hyphen joins it to another name word
            if 0 <= j < len(doc) and doc[dash].text == "-" and not doc[dash].whitespace_ and (
                    not doc[min(j, i)].whitespace_) and doc[j].text[:1].isupper() and j not in surnames:
                return True
        for j in (i - 1, i + 1):
            if not 0 <= j < len(doc):
                continue
            other = doc[j]
            if other.pos_ != "PROPN" or not other.text[:1].isupper():
                continue
            if other.lower_.rstrip(".") in self.words.honorifics or other.lower_ in self.sector_nouns:
                continue  # a title or an office: "Chancellor Scholz", "the Biden administration"
            if other.head.i == i or doc[i].head.i == j or (other.head.i == doc[i].head.i and other.dep_ == "compound"):
                return True  # joined to it, or both name parts of one head ("Kim Chang-beom")
        return False

    @staticmethod
    def _short_references(doc: Doc, result: DocActors) -> None:
        """A person named in full earlier in the article may later be called by one part of the name: "Kim Jong
        Un ... Kim said", "Shigeru Ishiba ... Ishiba". Only names of people matched in full before count."""
        people = {m.start: m for m in result.by_token.values() if m.ref().kind == "person" and m.end - m.start >= 2}
        if not people:
            return
        # Only a token spelled like a part of a full name can be a short reference: visit those and the full
        # names, in text order.
        parts = {doc[i].text for m in people.values() for i in (m.start, m.end - 1)}
        visits = sorted({*people, *(t.i for t in doc if t.text in parts)})
        seen: dict[str, Mention] = {}
        for i in visits:
            mention = people.get(i)
            if mention is not None:
                for part in (doc[mention.start].text, doc[mention.end - 1].text):
                    if len(part) > 2 and part[:1].isupper():
                        seen[part] = mention
                continue
            token = doc[i]
            if token.i in result.by_token or token.pos_ not in {"PROPN", "NOUN"} or token.text not in seen:
                continue  # (the small parser tags a capitalised "Trump" opening a sentence as a noun)
            neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
            if any(n.pos_ == "PROPN" and n.i not in result.by_token for n in neighbours):
                continue  # part of another, unknown name ("Kim Yo Jong" is not "Kim Jong Un")
            result.by_token[token.i] = Mention(token.i, token.i + 1, seen[token.text].refs)

    def _halves(self, doc: Doc, result: DocActors, named: list[str]) -> None:
        """In an article naming a member of a group with halves, "the North" is North Korea and "the South" South
        Korea (countries.yaml, country_groups)."""
        for group in self.lexicon.country_groups.values():
            if not group.halves or not set(group.members) & set(named):
                continue
            halves = {word: Ref("country", code, f"country:{code}", self.lexicon.countries[code].name)
                      for word, code in group.halves.items() if code in self.lexicon.countries}
            for token in (t for t in doc if t.text in halves):
                ref = halves[token.text]
                if (token.i not in result.by_token and token.i > 0
                        and doc[token.i - 1].lower_ == "the" and token.dep_ != "compound"):
                    result.by_token[token.i] = Mention(token.i, token.i + 1, (ref,))

    def resolve(self, token: Token, actors: DocActors, day: date | None, salience: Salience | None = None,
                loose: bool = False, avoid: frozenset[str | None] = frozenset()) -> list[Actor]:
        """The actors an argument's head token refers to, conjuncts included ("Japan and South Korea"). ``avoid``:
        countries a pronoun cannot stand for here (the act's own sources, when resolving its target)."""
        found: list[Actor] = []
        for head in [token, *token.conjuncts]:
            for actor in self._resolve_one(head, actors, day, salience, loose, avoid):
                if actor not in found:
                    found.append(actor)
        # A list the parser read as an apposition ("Biden, South Korean President Yoon and Japanese Prime Minister
        # Kishida agreed"): an apposed actor of another country is another member of the list, not a renaming.
        own = {a.country for a in found}
        for appos in (c for c in children(token) if c.dep_ == "appos"):
            for head in [appos, *appos.conjuncts]:
                for actor in self._resolve_one(head, actors, day, salience, loose):
                    if own and actor.country not in own and actor not in found:
                        found.append(actor)
        return found

    def _resolve_one(self, token: Token, actors: DocActors, day: date | None, salience: Salience | None,
                     loose: bool = False, avoid: frozenset[str | None] = frozenset()) -> list[Actor]:
        """One head token's actors. ``loose`` (for subjects): any noun a country modifies stands for that country
        ("Pakistani jets bombed ..."), not only the actor-like nouns. No ``salience``: nothing named before."""
        mention = actors.by_token.get(token.i)
        together = self._plurals.get(token.lower_)
        if together is None and token.i >= 2 and token.doc[token.i - 2].lower_ == "inter" and (
                token.doc[token.i - 1].text == "-"):
            together = self._inter.get(token.lower_)
        if together is None and token.pos_ in {"NOUN", "PROPN"}:
            # "the inter-Korean liaison office": a modifier naming the group names the noun's owners
            together = next((self._inter[c.lower_] for c in lefts(token) if c.lower_ in self._inter and c.i >= 2
                             and token.doc[c.i - 2].lower_ == "inter" and token.doc[c.i - 1].text == "-"), None)
        if together is not None:
            # "the two Koreas", "inter-Korean" (the inter-Korean military agreement) name every member
            return [Actor(token.text, code, None, self.lexicon.countries[code].name, f"country:{code}")
                    for code in together.members if code in self.lexicon.countries]
        if mention is not None:
            # a capital as a destination or place ("flew to Seoul", "talks in Tokyo") is the country, not its
            # government; as an actor ("Seoul protested") it is the government
            place = token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS
            matched = self._from_mention(mention, actors, day, head=not place)
            if mention.ref().kind == "institution" and matched.sector:
                # "the Argentine Congress", "the Brazilian Congress": an institution another country's adjective
                # names is that country's (the lexicon's "Congress" is the US one)
                other = self._modifier_actor(token, actors, day)
                if other is not None and other.country and other.country != matched.country and not (
                        other.country.startswith(("IGO", "NGO", "IMG"))):
                    return [Actor(matched.text, other.country, matched.sector, other.name, other.resolved_by)]
            return [matched]
        word = token.lower_
        if token.tag_ in {"WDT", "WP", "WP$"}:
            # "Morocco, which Madrid accused of ...", "Abe, who promised ...", "Japan, whose ships ...": a relative
            # pronoun stands for the noun its clause modifies, when that noun names an actor ("a Security Council
            # resolution that would have deplored ..." is a document, not the council)
            clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
            return [] if clause is None else self.resolve(clause.head, actors, day, salience)
        if word in _PRONOUNS and token.dep_ in _OBJECT_DEPS:
            # an object pronoun refers back to an object ("cut ties with Qatar, accusing it of ...")
            antecedent = _object_antecedent(token)
            return self.resolve(antecedent, actors, day, None, loose) if antecedent is not None else []
        if word in _PRONOUNS:
            # "Armenia said Turkish jets had shot down its warplane": a target's pronoun passes over the act's own
            # sources to the next subject up
            personal = word in _PERSONAL_PRONOUNS
            for antecedent in _antecedents_in_sentence(token, self.words.object_control_verbs):
                if personal and not self._personlike(antecedent, actors):
                    # "Washington expelled South Africa's ambassador, Ebrahim Rasool, after he accused Trump":
                    # "he" is a person, not the capital that acts
                    found = self._person_before(token, actors, day)
                    if found:
                        return found
                    continue
                if word in _PLURAL_PRONOUNS:  # "Obama and Putin said they will ...": the whole group
                    found = self.resolve(antecedent, actors, day, None, loose)
                else:
                    found = self._resolve_one(antecedent, actors, day, None)
                if found and not {a.country for a in found} <= avoid:
                    return found
                if not avoid:
                    break
            if salience is not None and salience.subjects:
                group = _last_group(salience.subjects, word)
                return list(group) if word in _PLURAL_PRONOUNS else group[:1]
            return []
        lemma = token.lemma_.lower()
        size = _group_size(token) if lemma in self.words.pair_heads else 0
        if size >= 3:
            # "the staff of Argentina, Chile and Peru ..., after the three governments questioned ...": a list of
            # that many countries named before it in the sentence
            for earlier in (t for t in token.sent if t.i < token.i and t.conjuncts and t.i in actors.by_token
                            and t.dep_ != "conj"):
                group = self.resolve(earlier, actors, day)
                if len({a.country for a in group}) == size:
                    return group
        if size >= 3 and salience is not None:
            # "the four countries also closed their airspace": the last subject group of that many countries
            for group in reversed(salience.subjects):
                if len({a.country for a in group}) == size:
                    return list(group)
        if (lemma in self.words.pair_heads and _has_two(token)) or (word in {"two", "both"} and token.dep_ in
                                                            {"nsubj", "nsubjpass", "dobj", "pobj"}):
            # "the two countries", "both sides", "when the two met": the last two countries named, this sentence
            # included
            before = salience.mentioned if salience is not None else []
            # "the two leaders" are the last two people named; "the two countries" any two named countries
            kinds = ("person:",) if lemma in self.words.person_pair_heads else ("country:", "person:")
            named = [a for a in [*before, *self._named_before(token, actors, day)]
                     if a.resolved_by and a.resolved_by.startswith(kinds)]
            if token.dep_ in {"dobj", "pobj"}:
                # "the United States urged both sides to ...", "Tokyo conveyed its concern to both countries":
                # whoever speaks to the pair is not one of it
                verb = token.head.head if token.dep_ == "pobj" else token.head
                speakers = {a.country for c in children(verb) if c.dep_ == "nsubj"
                            for a in self._resolve_one(c, actors, day, None)}
                named = [a for a in named if a.country not in speakers]
            pair = _main_pair(named)
            if len(pair) >= 2:
                return pair
        if lemma in self.words.collective_heads:
            # "a group of Moroccan diplomats", "a delegation of Chinese officials": the members are the actor
            members = [g for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"
                       for g in children(c) if g.dep_ == "pobj"]
            if members:
                found = self.resolve(members[0], actors, day, salience, loose)
                if found:
                    return found
        country = self._modifier_actor(token, actors, day)
        if country is None:
            country = self._owner_actor(token, actors, day, salience, avoid)
        if country is None and token.pos_ == "PROPN" and token.dep_ != "compound":
            again = self._named_earlier(token, actors, day)
            if again:
                return again
        org = lemma in self.words.anaphoric_org_heads
        armed = lemma in self.words.anaphoric_group_heads
        if country is None and (lemma in self.words.anaphoric_heads or org or armed) and _definite_alone(token):
            # "imposed sanctions on the country", "the emirate": the country named last before it; "the
            # alliance", "the bloc": the organisation named last; "the group": the armed group or organisation
            before = salience.mentioned if salience is not None else []
            named = [a for a in [*before, *self._named_before(token, actors, day)]
                     if _refers_back(a, org, armed)]
            if named:
                last = named[-1]
                return [Actor(_span_text(token), last.country, last.sector if armed else None, last.name,
                              last.resolved_by)]
        if country is None:
            return []
        sector = self._sector(token)
        # "Chinese and American diplomats": one actor per coordinated country adjective
        countries = [country, *self._coordinated_modifiers(token, country, actors, day)]
        if sector is not None:
            return [Actor(_span_text(token), c.country, sector, c.name, c.resolved_by) for c in countries]
        if lemma in self.words.generic_heads:
            return [Actor(_span_text(token), c.country, c.sector, c.name, c.resolved_by) for c in countries]
        if loose and token.pos_ in {"NOUN", "PROPN"} and self._directly_modified(token, actors):
            # "Pakistani jets", "Russia's banks" - but not "the meeting in New York"
            return [Actor(_span_text(token), c.country, c.sector, c.name, c.resolved_by) for c in countries]
        return []

    def _personlike(self, token: Token, actors: DocActors) -> bool:
        """The token names a person or an office ("Abe", "the minister"), not a state, capital or body."""
        mention = actors.by_token.get(token.i)
        if mention is not None:
            return mention.ref().kind in {"person", "institution", "ambiguous"}
        return token.pos_ in {"NOUN", "PROPN"} and self._sector(token) is not None

    def _person_before(self, pronoun: Token, actors: DocActors, day: date | None) -> list[Actor]:
        """The last person or office holder named before the pronoun in its sentence, as object or apposition."""
        for token in reversed([t for t in pronoun.sent if t.i < pronoun.i]):
            mention = actors.by_token.get(token.i)
            officer = mention.ref().kind == "person" if mention is not None else (
                token.pos_ == "NOUN" and self._sector(token) in _OFFICE_SECTORS)
            if token.dep_ in {"nsubj", "nsubjpass"} or not officer:
                continue  # (the subjects up the tree were passed over already; an aid worker acts for no state)
            found = self._resolve_one(token, actors, day, None)
            if found:
                return found
        return []

    def _named_earlier(self, token: Token, actors: DocActors, day: date | None) -> list[Actor]:
        """A name the lexicon lacks, introduced earlier with a country and an office, is that office holder again:
        "Ghanaian Foreign Minister Kwaku Mensah met ... Mensah later criticised Burkina Faso"."""
        doc = token.doc
        for i in range(token.i - 1, -1, -1):  # the nearest earlier use first
            other = doc[i]
            if other.text != token.text or other.i in actors.by_token or other.dep_ == "compound":
                continue
            found = [a for a in self._resolve_one(other, actors, day, None) if a.sector]
            if found:
                return [Actor(_span_text(token), found[0].country, found[0].sector, found[0].name,
                              found[0].resolved_by)]
        return []

    def _owner_actor(self, token: Token, actors: DocActors, day: date | None, salience: Salience | None,
                     avoid: frozenset[str | None] = frozenset()) -> Actor | None:
        """The country of an office named by its owner's pronoun: "Putin ordered his government", "Seoul
        said its military would ..." - the one the pronoun refers to."""
        if self._sector(token) is None:
            return None
        for child in children(token):
            if child.dep_ == "poss" and child.lower_ in {"his", "her", "its", "their"}:
                found = self._resolve_one(child, actors, day, salience, avoid=avoid)
                return found[0] if found and found[0].country else None
        return None

    @staticmethod
    def _directly_modified(token: Token, actors: DocActors) -> bool:
        return any(child.dep_ in _MODIFIER_DEPS and any(t.i in actors.by_token for t in [child, *children(child)])
                   for child in children(token))

    def _coordinated_modifiers(self, token: Token, first: Actor, actors: DocActors, day: date | None
                               ) -> list[Actor]:
        found: list[Actor] = []
        for child in children(token):
            heads = [child] if child.dep_ in _MODIFIER_DEPS else []
            if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                # "the foreign ministers of Congo and Rwanda", "the leaders of the US, Japan and South Korea"
                heads = _owners(child, actors)
            # a list the parser read as an apposition: "the leaders of Kazakhstan, Kyrgyzstan, Tajikistan ..."
            heads += [a for head in heads for a in children(head) if a.dep_ == "appos"]
            for conj in (c for head in heads for c in (*head.conjuncts, *([head] if head.dep_ == "appos" else []))):
                hit = self._first_mention(conj, actors, day)
                if hit is not None and hit.country != first.country and hit not in found:
                    found.append(hit)
        return found

    def _person(self, ref: Ref) -> PersonEntry:
        return self.lexicon.people[ref.key.split(":", 1)[1]]  # a person ref's key is "person:<id>"

    def _person_on(self, refs: Sequence[Ref], day: date | None) -> Ref | None:
        """Of several people a name can mean, the one in office on the day (two leaders named Assad, Kim...)."""
        people = [r for r in refs if r.kind == "person"]
        if len(people) < 2 or day is None:
            return None
        serving = [r for r in people if self._person(r).role_on(day) is not None]
        if len({self._person(r).country_on(day) for r in serving}) != 1:
            return None  # nobody, or leaders of two countries ("Kim" in 2000: Kim Dae-jung and Kim Jong Il)
        return serving[0]

    def _named_before(self, token: Token, actors: DocActors, day: date | None) -> list[Actor]:
        named: list[Actor] = []
        seen: set[int] = set()
        for tok in token.sent:
            if tok.i >= token.i:
                break
            mention = actors.by_token.get(tok.i)
            if mention is not None and id(mention) not in seen:
                seen.add(id(mention))
                named.append(self._from_mention(mention, actors, day, head=True))
        return named

    def _from_mention(self, mention: Mention, actors: DocActors, day: date | None, head: bool) -> Actor:
        key = (mention.start, mention.end, day, head)
        actor = actors.resolved.get(key)
        if actor is None:
            actor = actors.resolved[key] = self._actor_of(mention, actors, day, head)
        return actor

    def _actor_of(self, mention: Mention, actors: DocActors, day: date | None, head: bool) -> Actor:
        text = _text_of(actors.doc, mention.start, mention.end)
        chosen = self._person_on(mention.refs, day)
        people = [r for r in mention.refs if r.kind == "person"]
        if chosen is None and len(people) >= 2 and len(people) == len(mention.refs):
            # a name several people carry ("Maduro", "Aliyev", "Castro") and none of them in office that day:
            # the country when they share one, otherwise nobody in particular
            countries = {self._person(r).country for r in people}
            country = countries.pop() if len(countries) == 1 else None
            return Actor(text, country, None, None, None)
        ref = chosen or _choose(mention.refs, actors.preferred)
        if ref.kind == "person":
            person = self._person(ref)
            return Actor(text, person.country_on(day), person.sector_on(day), person.name, ref.key)
        sector = ref.sector
        if ref.kind == "capital" and head:
            sector = "GOV"
        if ref.kind == "adjective" and head:
            sector = None
        return Actor(text, ref.code, sector, ref.name, ref.key)

    def _modifier_actor(self, token: Token, actors: DocActors, day: date | None) -> Actor | None:
        """The country named by a modifier of ``token``: "Japanese firms", "Seoul's", "ministry of Japan". An
        organisation named in front of the noun comes first ("the Russian-led CSTO alliance" is the CSTO)."""
        for child in children(token):
            mention = actors.by_token.get(child.i) if child.dep_ == "compound" else None
            if mention is not None and mention.ref().kind == "org":
                return self._from_mention(mention, actors, day, head=True)
        for child in children(token):
            if child.dep_ in _MODIFIER_DEPS:
                hit = self._first_mention(child, actors, day)
                if hit is not None:
                    return hit
            if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                for pobj in _owners(child, actors):
                    hit = self._first_mention(pobj, actors, day)
                    if hit is not None:
                        return hit
            if child.dep_ == "appos":
                hit = self._first_mention(child, actors, day)
                if hit is not None:
                    return hit
        return None

    def _first_mention(self, token: Token, actors: DocActors, day: date | None) -> Actor | None:
        if ties_only(token, self.words):
            return None  # "Al-Qaeda-linked rebels" are not al-Qaeda
        for tok in [token, *children(token)]:
            mention = actors.by_token.get(tok.i)
            if mention is not None and tok.dep_ != "prep":
                return self._from_mention(mention, actors, day, head=False)
        return None

    def sector_of(self, token: Token) -> str | None:
        """The sector a noun names, with or without a country ("soldiers" MIL, "riot police" COP)."""
        return self._sector(token)

    def _sector(self, token: Token) -> str | None:
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        words = [c.lower_ for c in lefts(token) if c.dep_ in {"compound", "amod"} and c.i + 1 <= token.i]
        words.append(token.lemma_.lower())
        for size in range(min(len(words), self._max_phrase), 1, -1):
            hit = self.sector_phrases.get(tuple(words[-size:]))
            if hit:
                return hit
        plural = token.lower_
        # else a modifier names the sector: "Philippine navy boats", "military targets", "government assets"
        return (self.sector_nouns.get(words[-1]) or self.sector_nouns.get(plural)
                or next((self.sector_nouns[w] for w in reversed(words[:-1]) if w in self.sector_nouns), None))


def _owners(prep: Token, actors: DocActors) -> list[Token]:
    """The objects of an owner's preposition, through one unnamed noun that has an owner of its own ("the chiefs
    of staff of Egypt and Sudan": Egypt)."""
    found = [g for g in children(prep) if g.dep_ == "pobj"]
    if len(found) == 1 and found[0].i not in actors.by_token and prep.lower_ == "of":
        deeper = [g for c in children(found[0]) if c.dep_ == "prep" and c.lower_ == "of"
                  for g in children(c) if g.dep_ == "pobj"]
        return deeper or found
    return found


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spacy.util.filter_spans`` on (start, end) pairs, in text order: of overlapping spans the (first) longest."""
    kept: list[tuple[int, int]] = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            kept.append((start, end))
            seen.update(range(start, end))
    return sorted(kept)


def _dedupe(refs: Iterable[Ref]) -> list[Ref]:
    return list(dict.fromkeys(refs))


def _choose(refs: Sequence[Ref], preferred: Sequence[str]) -> Ref:
    if len(refs) == 1:
        return refs[0]
    firm = [r for r in refs if r.kind != "ambiguous"]
    if firm:
        refs = firm
    for code in preferred:
        for ref in refs:
            if ref.code == code:
                return ref
    return refs[0]




_OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "OPP"})


def ties_only(participle: Token, words: Words) -> bool:
    """A participle that ties a noun to a group without making the group its actor ("Al-Qaeda-linked",
    "IS-inspired"; word list affiliation-participles)."""
    return participle.tag_ == "VBN" and participle.lemma_.lower() in words.affiliation_participles


def _is_name_span(doc: Doc, start: int, end: int) -> bool:
    """Reject matches that are ordinary words ("US" is fine; "us" never matches ORTH anyway). A name may open with a
    lower-case particle when a later word is capitalised: "al-Qaeda", "al-Assad", "von der Leyen"."""
    first = doc[start]
    return first.text[:1].isupper() or first.text[:1].isdigit() or any(
        t.text[:1].isupper() for t in doc[start + 1:end])


def _span_text(token: Token) -> str:
    left = min([token.i, *(c.i for c in lefts(token) if c.dep_ in _MODIFIER_DEPS | {"det"})])
    return _text_of(token.doc, left, token.i + 1)


def _text_of(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``; a single token's text directly (no span to build)."""
    return doc[start].text if end - start == 1 else doc[start:end].text


def _refers_back(actor: Actor, org: bool, armed: bool) -> bool:
    """Whether a definite noun can stand for ``actor``: "the bloc" (``org``) for an organisation, "the group"
    (``armed``) for an organisation or an armed group, "the country" for a country."""
    key = actor.resolved_by or ""
    if armed:
        return key.startswith("org:") or (bool(key) and actor.sector == "REB")
    return key.startswith("org:" if org else "country:")


def _definite_alone(token: Token) -> bool:
    """"the country", "the oil-rich emirate": a definite noun with no owner, no "of" phrase and no number ("of"
    with a gerund is what it is accused of: "accusing the bloc of imposing sanctions")."""
    kids = children(token)
    return (any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and token.tag_ in {"NN", "NNP"}
            and not any(c.dep_ in {"poss", "nummod"} or (c.dep_ == "prep" and c.lower_ == "of" and not any(
                g.dep_ == "pcomp" for g in children(c))) for c in kids))


_COUNTS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
           "twelve": 12}


def _group_size(token: Token) -> int:
    """How many a group noun counts ("the four countries" 4, "the 27 members" 27); 0 when no number is given."""
    for child in children(token):
        if child.dep_ == "nummod":
            if child.lower_ in _COUNTS:
                return _COUNTS[child.lower_]
            if child.text.isdigit():
                return int(child.text)
    return 0


def _has_two(token: Token) -> bool:
    """"the two countries", "both sides", "each side" (of a pair named before)."""
    return any(c.lower_ in {"two", "both", "each"} for c in children(token))


def _main_pair(named: Sequence[Actor]) -> list[Actor]:
    """The two countries an article is about so far: the two named most often, the more recent first on a tie
    ("the two countries" in a Seoul-Tokyo story that also names Pyongyang and Washington once)."""
    recent = _distinct_countries(named)
    counts: Counter[str | None] = Counter(a.country for a in named if a.country)
    order = {a.country: i for i, a in enumerate(recent)}
    ranked = sorted(recent, key=lambda a: (counts[a.country], order[a.country]), reverse=True)
    return sorted(ranked[:2], key=lambda a: order[a.country])


def _distinct_countries(recent: Sequence[Actor]) -> list[Actor]:
    seen: dict[str | None, Actor] = {}
    for actor in recent:
        seen.pop(actor.country, None)
        seen[actor.country] = actor
    return [a for a in seen.values() if a.country]


def _last_group(subjects: list[list[Actor]], pronoun: str) -> list[Actor]:
    """The last subject group a pronoun can stand for: "he" and "she" for a person or an office holder ("Japan's
    prime minister"), not for the European Union named after him; any other pronoun for the last group."""
    if pronoun in _PERSONAL_PRONOUNS:
        for group in reversed(subjects):
            if any((a.resolved_by or "").startswith("person:") or a.sector is not None for a in group):
                return group
        return []
    return subjects[-1]


def _antecedents_in_sentence(pronoun: Token, controllers: frozenset[str] = frozenset()) -> Iterator[Token]:
    """The subjects of the clauses that embed the pronoun's clause, nearest first: "Seoul said it would ..." ->
    Seoul. An infinitive's subject is the object of a verb in ``controllers`` ("ordered Russia to suspend the
    operations it launched": Russia)."""
    verb = pronoun.head
    while verb.dep_ in {"ccomp", "xcomp", "advcl", "conj", "relcl", "pcomp", "prep", "pobj", "dobj", "poss", "nsubj",
                        "parataxis"} and verb.head.i != verb.i:
        came_from = verb
        verb = verb.head
        if came_from.dep_ == "xcomp" and verb.lemma_.lower() in controllers:
            controlled = next((c for c in children(verb) if c.dep_ == "dobj" and c.lower_ not in _PRONOUNS), None)
            if controlled is not None:
                yield controlled
        for child in children(verb):
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i < pronoun.i and child.lower_ not in _PRONOUNS:
                yield child
                break
    # "Sarkozy flew to Moscow; he then travelled to Tbilisi": the parser may hang the first clause on the second
    for clause in children(pronoun.head):
        if clause.dep_ in {"ccomp", "conj", "parataxis", "advcl"} and clause.i < pronoun.i:
            for child in children(clause):
                if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ not in _PRONOUNS:
                    yield child
                    return


def _object_antecedent(pronoun: Token) -> Token | None:
    """The object (direct, or of a preposition) of a clause that embeds the pronoun's clause, before it."""
    verb = pronoun.head
    while verb.head.i != verb.i and verb.dep_ in {"advcl", "xcomp", "ccomp", "conj", "prep", "pcomp", "relcl"}:
        verb = verb.head
        for child in children(verb):
            if child.i >= pronoun.i:
                continue
            if child.dep_ == "dobj":
                return child
            if child.dep_ == "prep":
                for pobj in children(child):
                    if pobj.dep_ == "pobj" and pobj.i < pronoun.i:
                        return pobj
    return None
