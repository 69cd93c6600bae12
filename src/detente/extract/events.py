"""Events from a parsed article: verb patterns over the dependency parse, with voice, coordination, negation,
modality, clausal complements and attribution handled here once (the lexicon writes each pattern once, active).

In: an ``Article`` and its spaCy ``Doc`` (the body text, paragraphs joined by newlines). Out: ``Event`` records,
each with its evidence (sentence, character spans) and the id of the rule that made it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc as SpacyDoc

from detente.extract.actors import ActorIndex, DocActors, Salience, ties_only
from detente.extract.tree import Doc, Span, Token, children, view  # views of spaCy's, made once per Doc
from detente.extract.tree import tokens as sent_tokens
from detente.extract.when import Clock, date_for, dates_in, governing_verb
from detente.extract.words import Words
from detente.ids import stable_hash
from detente.lexicon import Lexicon
from detente.lexicon.schema import (
    BrokerEntry,
    ComplementEntry,
    DirectiveEntry,
    InstrumentEntry,
    ModalEntry,
    NominalEntry,
    PatternEntry,
    ReactionEntry,
)
from detente.records import Actor, Article, DateBasis, Event, EventDate, Evidence, Modality, Polarity
from detente.resolve.dates import DateContext
from detente.resolve.scale import CodeScore, Scorer

_SUBJECT_DEPS = {"nsubj", "csubj"}
_PRONOUN_WORDS = {"it", "they", "he", "she", "we", "its", "their", "them"}
# Acts that need their target named in their own sentence; verbal reactions (say, appeal, praise, demand,
# criticise, reject, threaten, protest) may answer the act the previous sentence told.
_NAMED_TARGET_ROOTS = {"03", "04", "06", "07", "08", "09", "15", "16", "17", "18", "19", "20"}
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD"}


@dataclass(frozen=True, slots=True)
class _Raw:
    """A coded act before actors are paired: made from one verb and one pattern."""

    verb: Token
    cameo: str
    rule_id: str
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    symmetric: bool
    polarity: Polarity
    modality: Modality
    confidence: float
    occurred: EventDate


class PatternIndex:
    """Verb patterns and complement verbs by lemma, most specific pattern first. Built once per process."""

    def __init__(self, lexicon: Lexicon):
        self.by_lemma: dict[str, list[PatternEntry]] = {}
        for pattern in lexicon.patterns.values():
            for verb in pattern.verbs:
                self.by_lemma.setdefault(verb, []).append(pattern)
        for patterns in self.by_lemma.values():
            # a refusal first: it fires only on a negated verb, where it is what was said ("would not meet demands")
            patterns.sort(key=lambda p: (-p.refusal, -bool(p.objects), -bool(p.requires), -bool(p.particle)))
        for alias in lexicon.verb_aliases.values():  # "reimposed sanctions": the base verb's patterns, after its own
            for word in alias.aliases:
                own = self.by_lemma.get(word, [])
                self.by_lemma[word] = [*own, *(p for p in self.by_lemma.get(alias.verb, []) if p not in own)]
        self.complements: dict[str, ComplementEntry] = {}
        for entry in lexicon.complements.values():
            for verb in entry.verbs:
                self.complements.setdefault(verb, entry)
        self.modals: dict[str, ModalEntry] = {}
        for modal in lexicon.modals.values():
            for word in modal.words:
                self.modals[word.lower()] = modal
        self.words = Words.from_lexicon(lexicon)
        self.directives: set[str] = {v for entry in lexicon.directives.values() if not entry.preps
                                     for v in entry.verbs}
        # directives whose order to another state is a demand on it
        self.ordering: dict[str, DirectiveEntry] = {v: entry for entry in lexicon.directives.values() if entry.demand
                                                   for v in entry.verbs}
        self.directive_preps: dict[str, set[str]] = {}
        for directive in lexicon.directives.values():
            for verb in directive.verbs if directive.preps else ():
                self.directive_preps.setdefault(verb, set()).update(directive.preps)
        self.statives: dict[str, set[str]] = {}
        for stative in lexicon.statives.values():
            for verb in stative.verbs:
                self.statives.setdefault(verb, set()).update(stative.preps)
        self.venue_codes: dict[str, str] = {code: entry.third_country for entry in lexicon.venues.values()
                                            for code in entry.codes}
        self.converses: dict[str, str] = {code: entry.converse for entry in lexicon.converses.values()
                                          for code in entry.codes}
        self.speech_modality: dict[str, Modality] = {root: Modality(entry.modality)
                                                     for entry in lexicon.speech_acts.values() for root in entry.roots}
        self.intent_recode: dict[str, str] = next(
            (m.recode for m in lexicon.modals.values() if m.modality == Modality.INTENDED and m.recode), {})
        # the entries that "said Y must ..." (a demand) and "wants Y to ..." (an appeal) borrow
        self.demand: ComplementEntry | None = lexicon.complements.get("comp.demand")
        self.appeal: ComplementEntry | None = lexicon.complements.get("comp.appeal")
        self.nominals: dict[str, NominalEntry] = {n: e for e in lexicon.nominals.values() for n in e.nouns}
        self.deverbals: dict[str, str] = {n: e.verb for e in lexicon.deverbals.values() for n in e.nouns}
        self.carriers: set[str] = {v for e in lexicon.carriers.values() for v in e.verbs}
        self.reactions: dict[str, ReactionEntry] = {n: e for e in lexicon.reactions.values() for n in e.nouns}
        self.instruments: dict[str, list[InstrumentEntry]] = {}
        for instrument in lexicon.instruments.values():
            for noun in instrument.nouns:
                self.instruments.setdefault(noun, []).append(instrument)
        self.broker_verbs: dict[str, BrokerEntry] = {w: e for e in lexicon.brokers.values() for w in e.verbs}
        self.broker_nouns: dict[str, BrokerEntry] = {w: e for e in lexicon.brokers.values() for w in e.nouns}
        self.broker_roles: dict[str, BrokerEntry] = {w: e for e in lexicon.brokers.values() for w in e.roles}
        # every lemma some look-up above starts from: a sentence's other words are passed over at once
        self.cues: frozenset[str] = frozenset().union(
            self.by_lemma, self.words.speech_verbs, self.complements, self.nominals, self.deverbals, self.reactions,
            self.broker_verbs, self.broker_nouns, self.broker_roles, self.ordering)


class EventExtractor:
    """Turns (article, doc) into events. Holds only compiled, read-only resources, and the strings its views of
    Docs have decoded (``names``)."""

    def __init__(self, lexicon: Lexicon, actors: ActorIndex, scorer: Scorer, pipeline_version: str):
        self.patterns = PatternIndex(lexicon)
        self.actors = actors
        self.scorer = scorer
        self.versions = {"lexicon": lexicon.version, "scale": scorer.version, "pipeline": pipeline_version}
        self.names: dict[int, str] = {}  # spaCy's strings, by id, as the Doc views decode them (``tree.view``)

    def extract(self, article: Article, doc: SpacyDoc, ctx: DateContext | None, outlet_country: str | None = None
                ) -> list[Event]:
        """Events of one article. ``ctx`` anchors relative dates (None when the publication date is unknown).

        The coder reads the parse through a view of the Doc (``extract.tree``), released after: its tokens refer to
        one another and to the Doc, and those cycles would keep every Doc (tensors included) alive until the garbage
        collector's full pass, which then walks all of them (measured: 0.2 s per 400 articles)."""
        parsed = view(doc, self.names)
        try:
            return self._extract(article, parsed, ctx, outlet_country)
        finally:
            parsed.release()

    def _extract(self, article: Article, doc: Doc, ctx: DateContext | None, outlet_country: str | None
                 ) -> list[Event]:
        mentions = self.actors.mentions(doc, outlet_country)
        salience = Salience()
        events: list[Event] = []
        seen: set[str] = set()
        text = _doc_text(article, doc)
        paragraph, narrative = -1, None
        scan_ctx = ctx or DateContext(date(2000, 1, 1))
        previous: list[_Raw] = []  # the acts of the last sentence that had any: what a reaction answers
        told: list[_Raw] = []  # every material act so far: what a reaction that names the act answers
        for index, sent in enumerate(doc.sents):
            here_paragraph = text.count("\n", 0, sent.start_char)
            if here_paragraph != paragraph:
                paragraph, narrative = here_paragraph, None
            here = dates_in(sent, scan_ctx)
            if ctx is None:
                here.by_verb = {k: v for k, v in here.by_verb.items() if v.basis == DateBasis.EXPLICIT}
            reference = ctx.reference if ctx else None
            untargeted: list[_Raw] = []  # deeds told with no target: no event, but what a reaction may answer
            here.bind(narrative)  # "the next day", "two days later": counted from the narrative time
            raws = list(self._sentence(sent, mentions, Clock(here, narrative, reference), salience, previous,
                                       told, untargeted))
            # a main-clause reaction ("Tokyo protested that decision as well.", "Beijing denies it.") answers the
            # last material act told, not the reactions to it; "North Korea fired a missile. The South condemned
            # the launch." answers a deed aimed at nobody named
            material = [r for r in raws if r.cameo[:2] in _NAMED_TARGET_ROOTS and r.confidence > 0.5] + untargeted
            previous = material or previous
            told.extend(material)
            for raw in (r for item in raws for r in (item, *self._converse(item, raws))):
                for event in self._pair(raw, article, index, sent, mentions, text):
                    if event.event_id not in seen:
                        seen.add(event.event_id)
                        events.append(event)
            if here.narrative:
                narrative = here.narrative[-1]
            self._remember(sent, mentions, reference, salience)
        return events

    # -- sentence level ------------------------------------------------------------------------------------------
    def _sentence(self, sent: Span, mentions: DocActors, clock: Clock, salience: Salience,
                  previous: list[_Raw], told: Sequence[_Raw] = (), untargeted: list[_Raw] | None = None
                  ) -> Iterator[_Raw]:
        raws: dict[int, list[_Raw]] = {}
        ordered: dict[int, _Raw] = {}  # acts a directive orders: not done, but an order to another state demands
        context: list[_Raw] = []
        # the words some look-up starts from, with their lemmas (spaCy makes a new Token object per access: the
        # tokens are made once per Doc)
        cues = self.patterns.cues
        keyed = [(token, lemma) for token in sent_tokens(sent) if (lemma := token.lemma_.lower()) in cues]
        for token, lemma in keyed:
            if token.pos_ not in {"VERB", "AUX"} and token.dep_ != "ROOT":
                continue
            if lemma not in self.patterns.by_lemma:
                continue
            if token.head.lemma_.lower() in self.patterns.directives and _directed(token):
                # "ordered Nippon Steel to compensate the victims": the compensation has not happened; an order to
                # another state is a demand on it, coded below from the act it orders
                if token.head.lemma_.lower() in self.patterns.ordering:
                    raw = self._code_verb(token, mentions, clock, salience)
                    if raw is not None:
                        ordered[token.i] = raw
                continue
            if token.dep_ == "pcomp" and token.head.lower_ in self.patterns.directive_preps.get(
                    token.head.head.lemma_.lower(), ()):
                continue  # "warned Washington against selling arms": the sale has not happened
            if token.dep_ == "relcl" and token.tag_ in {"VBP", "VBZ"} and not any(
                    c.dep_ == "aux" for c in children(token)):
                continue  # "Korean firms that do business with Japanese partners": a description, not an act
            if token.dep_ == "ccomp" and _ruling(token.head, self.patterns.words):
                continue  # what a ruling finds (its clauses are passed over below)
            if _accused_of(token, self.patterns.words) or _inside_accusation(token, self.patterns.words):
                # "accusing it of supporting terrorism", "accusing Washington of using its might to suppress
                # others": what an accusation says is not asserted
                continue
            if token.dep_ in {"acl", "ccomp"} and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in (
                    self.patterns.words.claim_nouns | self.patterns.words.unrealised_nouns) and (
                    token.dep_ == "ccomp" or any(c.dep_ == "mark" for c in children(token))):
                # "an admission that Soviet forces murdered ...", "its demand that Israel ease restrictions": what
                # a claim says is not asserted, what a demand asks for has not happened
                continue
            if (token.dep_ == "acl" and token.tag_ == "VB"
                    and token.head.lemma_.lower() in self.patterns.words.unrealised_nouns
                    and not self._carried(token.head)):
                continue  # "Sweden's bid to join NATO", "an attempt to mediate": not (yet) done
            # across sentences only a verbal reaction in the main clause answers the act told before
            # (a main clause's reported speech counts: "Moscow ... said it would retaliate")
            main = token.dep_ == "ROOT" or (
                token.dep_ == "ccomp" and token.head.lemma_.lower() in self.patterns.words.speech_verbs
                and (token.head.dep_ == "ROOT" or (token.head.dep_ == "conj" and token.head.head.dep_ == "ROOT")))
            aimless = len(untargeted) if untargeted is not None else 0
            raw = self._code_verb(token, mentions, clock, salience, context, told, previous if main else (),
                                  untargeted)
            if raw is not None:
                raws.setdefault(token.i, []).append(raw)
                context.append(raw)
            elif untargeted is not None and len(untargeted) > aimless:
                context.append(untargeted[-1])  # "North Korea fired a missile, and Japan protested"
        consumed: set[int] = set()
        results: list[_Raw] = []
        demanded: list[Token] = []  # clauses a "must" makes a demand: their acts are not coded themselves
        unrealised: list[Token] = []  # acts a complement verb governs (threatened, urged, pledged ...)
        for token, lemma in keyed:
            if lemma in self.patterns.words.speech_verbs:
                for child in children(token):
                    if child.dep_ in _NO_CLAUSE_DEPS:
                        continue  # (a subject, auxiliary or punctuation mark holds no reported clause)
                    blamed = _alleged(token, child, self.patterns.words) or _blamed_clause(child, self.patterns.words)
                    if blamed is not None:
                        accusation = self._blame(token, blamed, mentions, clock, salience)
                        if accusation is not None:
                            results.append(accusation)
                            demanded.append(child)
                        continue
                    modal = next((a.lower_ for a in children(child) if a.dep_ == "aux"
                                  and a.lower_ in {"must", "should"}), None) if child.dep_ == "ccomp" else None
                    if modal is not None:
                        demand = self._must(token, child, raws.get(child.i), mentions, clock, salience,
                                            appeal=modal == "should")
                        if demand is not None:
                            results.append(demand)
                            demanded.append(child)
            if lemma in self.patterns.words.ruling_verbs and _ruling(token, self.patterns.words):
                # "a WTO panel ruled that Chinese tariffs broke trade rules": the ruling is the act, not what it finds
                unrealised.extend(c for c in children(token) if c.dep_ == "ccomp")
            if lemma in self.patterns.ordering and token.i not in raws:
                demand = self._order(token, self.patterns.ordering[lemma], ordered, mentions, clock, salience)
                if demand is not None:
                    results.append(demand)
            entry = self.patterns.complements.get(lemma)
            if entry is not None and _reduced_relative(token, self.patterns.words) is not None:
                entry = None  # "..., a charge Ukraine denied": the clause before is what the noun sums up
            if entry is None or not (token.pos_ in {"VERB", "AUX"} or token.dep_ == "acomp"):
                continue  # "is willing to withdraw": an adjective governs the act as a verb would
            for child in _governed_clauses(token, entry):
                if child.i not in raws:
                    unrealised.append(child)  # "demanded that Pyongyang stop taking actions": none taken yet
                # "agreed to hold exercises and consult one another": every coordinated act is governed
                for governed in (g for g in [child, *child.conjuncts] if g.i in raws):
                    said = self._complement(token, entry, raws[governed.i][0], mentions, clock, salience)
                    if not any(_same_act(said, other) or _same_statement(said, other) for other in results):
                        results.append(said)
                    consumed.update({governed.i, token.i})
                    if said.verb.i == token.i:
                        unrealised.append(governed)
        for i, items in raws.items():
            if i not in consumed:
                results.extend(items)
        # "vetoed a resolution condemning Myanmar": what a rejected text says has not been said
        rejected = {c.i for r in results if r.cameo[:2] == "12" for c in children(r.verb)
                    if c.dep_ in {"dobj", "nsubjpass"}}
        if rejected:
            results = [r for r in results if not (r.verb.dep_ in {"acl", "relcl"} and r.verb.head.i in rejected)]
        # "demanded that Pyongyang stop taking actions that ...": nothing inside a threatened, pledged, urged or
        # demanded act has happened either
        # (but a clause of what went before is told as fact: "stopped allowing inspections, after Washington failed
        # to lift sanctions")
        results = [r for r in results if _told_before(r.verb) or not any(
            r.verb.i != g.i and _inside_span(r.verb, [g]) for g in unrealised)]
        if demanded:
            results = [r for r in results if r.rule_id.startswith("complement:must")
                       or not _inside_span(r.verb, demanded)]
        coded_objects = {c.i for items in raws.values() for c in children(items[0].verb)
                         if c.dep_ in {"dobj", "attr", "nsubjpass"}}
        for token, lemma in keyed:
            noun_entry = self.patterns.nominals.get(lemma)
            if noun_entry is None:
                continue
            noun = token
            if noun_entry.compound_of:
                # "in a phone call", "telephone talks": the modifier names the act, the head noun carries it;
                # alone the word counts only as a preposition's object ("by phone")
                if token.dep_ == "compound" and token.head.lemma_.lower() in noun_entry.compound_of:
                    noun = token.head
                elif token.dep_ != "pobj":
                    continue
            if noun.pos_ not in {"NOUN", "PROPN"} or noun.i in coded_objects or _inside_span(noun, unrealised):
                continue  # "urged both sides to resolve the dispute through dialogue": no dialogue held yet
            nominal = self._nominal(noun, noun_entry, mentions, clock, salience)
            if nominal is None or any(_same_act(nominal, other) for other in results):
                continue
            if noun_entry.manner and any(r.verb.i == governing_verb(noun).i and r.cameo[:2] == nominal.cameo[:2]
                                         for r in results):
                continue  # "discussed NATO in a phone call": the call is how the coded act was done
            results.append(nominal)
        for token, lemma in keyed:
            reaction = self.patterns.reactions.get(lemma)
            if reaction is not None and token.dep_ == "dobj" and token.head.lemma_.lower() in reaction.verbs:
                drawn = self._reaction(token, reaction, mentions, clock, salience)
                if drawn is not None and not any(_same_act(drawn, other) for other in results):
                    # "raising alarm in Canberra": the alarm is Canberra's, not a concern the subject raised
                    results = [r for r in results if r.verb.i != token.head.i]
                    results.append(drawn)
            base = self.patterns.deverbals.get(lemma)
            if base is None or token.dep_ != "dobj" or token.i in coded_objects or token.pos_ != "NOUN":
                continue
            if token.head.lemma_.lower() not in self.patterns.carriers or _inside_span(token, unrealised):
                continue
            deverbal = self._deverbal(token, base, mentions, clock, salience)
            if deverbal is not None and not any(_same_act(deverbal, other) for other in results):
                results.append(deverbal)
        results.extend(self._brokered(keyed, results, mentions, clock, salience))
        yield from (r for r in results if not _restates(r, results, self.patterns.words))

    def _code_verb(self, verb: Token, mentions: DocActors, clock: Clock, salience: Salience,
                   context: Sequence[_Raw] = (), told: Sequence[_Raw] = (), before: Sequence[_Raw] = (),
                   untargeted: list[_Raw] | None = None) -> _Raw | None:
        """``context``: the acts told before the verb in its sentence; ``before``: those of the last sentence that
        had any, given when the verb is the main clause or what it reports (a verbal reaction there may answer
        them; a material act names its own target); ``told``: every material act of the article so far."""
        candidates = self.patterns.by_lemma.get(verb.lemma_.lower())
        if not candidates:
            return None
        passive = _is_passive(verb)
        if passive and verb.lemma_.lower() in self.patterns.words.active_only_verbs:
            return None  # "war crimes committed by Russian forces" is no commitment
        stance = _stance_object(verb, self.patterns.statives.get(verb.lemma_.lower())) if passive else None
        passive = passive and stance is None  # "Israel is opposed to French mediation": Israel opposes it
        obj = stance or _object(verb, passive)
        if obj is None and verb.lemma_.lower() in self.patterns.words.agreeing_verbs:
            # "agreed to an immediate ceasefire" agrees the ceasefire ("agreed to withdraw" has no such noun)
            obj = next((g for c in children(verb) if c.dep_ == "prep" and c.lower_ == "to"
                        for g in children(c) if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        # "..., an account Pakistan rejected": the parser often misreads who rejected what; the noun is the object
        reduced = _reduced_relative(verb, self.patterns.words)
        if reduced is not None:
            passive = False
            obj = _object(verb, False) or reduced[1]
        polarity = _polarity(verb)
        # a refusal is a stance ("would not provide weapons"); a negated perfect denies a past act ("had not
        # provided any weapons")
        refusable = polarity == Polarity.NEGATED and not any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in children(verb))
        mention = mentions.by_token.get(obj.i) if obj is not None else None
        place = mention is not None and mention.ref().kind in {"place", "capital", "country"}
        subjects: list[Token] | None = None if reduced is None else [reduced[0]]
        if any(c.subjects for c in candidates):
            # a pattern that names its subjects ("curbs took effect") is passed over for others when they differ
            subjects = subjects or _subject_tokens(verb, passive, self.patterns.words)
            heads = {t.lemma_.lower() for t in subjects}
            candidates = [c for c in candidates if not c.subjects or not heads.isdisjoint(c.subjects)]
        pattern = _match(verb, obj, candidates, self.patterns.words, refusable, place)
        if pattern is None:
            return None
        if subjects is None:  # found only for a matched pattern: most verbs match none
            subjects = _subject_tokens(verb, passive, self.patterns.words)
        # what only a matched act needs: its modality and date
        modality, recode = self._modality(verb)
        if pattern.announced and modality != Modality.INTENDED and verb.dep_ != "xcomp":
            # "Japan responded with protests", "analysts said China could retaliate" are no threat; "said it
            # would respond", "vowed to respond" are
            return None
        when = date_for(verb, clock, statement=modality == Modality.INTENDED)
        day = when.start or clock.reference
        sources = self._sources(verb, passive, mentions, day, salience, subjects)
        means = self._instrument(verb, passive)
        if means is not None and not sources:
            # "were killed in Israeli tank shelling": the owner of the means is the agent
            owner = means[0].doc[means[0].i - 1] if means[0].tag_ == "VBG" else means[0]
            sources = self.actors.resolve(owner, mentions, day, salience, loose=True)
        if not sources and passive and pattern.cameo[:2] == "04":
            # "Xi was welcomed to the White House": with no agent, the host is the place of the welcome
            sources = self._after_preps(verb, {"to", "at", "in"}, mentions, day, salience)
        if not sources and passive and pattern.place_agent:
            # "a Canadian missionary was arrested in Lebanon": the state where it was done did it
            sources = [Actor(a.text, a.country, None, a.name, a.resolved_by)
                       for a in self._after_preps(verb, set(pattern.place_agent), mentions, day, salience)
                       if a.country and not a.country.startswith("IGO")]
        if not sources and not passive and pattern.crowd_place and any(
                t.lemma_.lower() in self.patterns.words.crowd_nouns for t in subjects):
            # "thousands marched in Tbilisi against Russia's invasion": a crowd no one names is of the place
            sources = [Actor(a.text, a.country, "CVL", a.name, a.resolved_by)
                       for a in self._after_preps(verb, {"in", "across", "throughout"}, mentions, day, salience)
                       if a.country and not a.country.startswith("IGO")]
        if not sources and passive and pattern.body_agent:
            # "Mali was suspended from the African Union": the organisation did it
            sources = [a for a in self._after_preps(verb, set(pattern.body_agent), mentions, day, salience)
                       if a.country and a.country.startswith("IGO")]
        if not sources:
            return None
        if pattern.own_object and obj is not None and {
                a.country for a in self.actors.resolve(obj, mentions, day, salience, loose=True)} - {
                s.country for s in sources} - {None}:
            # "Israeli warplanes destroyed an Iraqi nuclear reactor" is no disarmament step: another pattern's
            others = [c for c in candidates if not c.own_object]
            pattern = _match(verb, obj, others, self.patterns.words, refusable, place)
            if pattern is None:
                return None
        code = pattern.cameo
        if pattern.state_cameo and _states(sources, subjects):
            code = pattern.state_cameo  # "Japan protested to China": an official complaint, not a street protest
        # "Colombia and Venezuela reopened their border": a joint act on what both share is mutual
        # ... but "ending their boycott of the emirate" is toward the emirate
        # ... and "closed their airspace to Qatari flights" toward whom it is closed to
        shared = obj is not None and any(c.dep_ == "poss" and c.lower_ == "their" for c in children(obj)) and not any(
            c.dep_ == "prep" and c.lower_ in {"of", "on", "against"} for c in children(obj)) and not any(
            self.actors.resolve(g, mentions, clock.reference, salience, loose=True)
            for c in (*children(obj), *children(verb)) if c.dep_ == "prep" and c.lower_ in {"to", "against"}
            for g in children(c) if g.dep_ == "pobj")
        mutual = len(sources) >= 2 and obj is not None and (shared or _reciprocal(obj))
        joint = (pattern.symmetric or mutual) and len(sources) >= 2  # "Japan, South Korea and the US agreed ..."
        targets = self._targets(verb, obj, pattern, mentions, day, salience, direct_only=joint,
                                own={s.country for s in sources})
        if reduced is not None and all(t.country in {s.country for s in sources} for t in targets):
            # the noun sums up the act told before it: its actor is the target
            own = {s.country for s in sources}
            targets = [a for a in self._referent_actor(reduced[1], mentions, day, salience) if a.country not in own]
            targets = targets or next(([a for a in r.sources if a.country not in own] for r in reversed(context)
                                       if any(a.country not in own for a in r.sources)), [])
        confidence = 0.9 if targets else 0.8
        if not targets and not joint and len(_countries(tuple(sources))) >= 2 and code[:2] in _JOINT_ROOTS:
            joint = True  # "Japan, South Korea and the US began sharing warning data": with one another
        if not targets and pattern.joint_cameo and len(_countries(tuple(sources))) >= 2:
            # "French and Egyptian warships launched war games", "US and Thai troops began their exercises": together
            code, joint = pattern.joint_cameo, True
        if not targets and not joint:
            # for talk and promises (01-05) a place is where it was said, and a channel ("through its embassy in
            # Beijing") is no party; for deeds a place is often whose land it was ("gas deliveries through Ukraine")
            targets = self._only_other_actor(verb, sources, mentions, day, root=code[:2])
            confidence = 0.6
            if not targets and code[:2] in _VERBAL_ROOTS:
                # "called the downing a stab in the back and warned of consequences for relations with Ankara":
                # the coordinated statement by the same speaker names whom both are about
                siblings = (c for c in children(verb)
                            if c.dep_ == "conj" and not any(g.dep_ in _SUBJECT_DEPS for g in children(c)))
                targets = next((found for c in siblings if (found := self._only_other_actor(
                    c, sources, mentions, day, root=code[:2]))), [])
                confidence = 0.5
            earlier = code[:2] in _NAMED_TARGET_ROOTS and any(
                c.dep_ == "mark" and c.lower_ in {"after", "before", "since"} for c in children(verb))
            if not targets and verb.dep_ not in {"acl", "amod"} and not earlier and (
                    verb.dep_ != "ROOT" or code[:2] not in _NAMED_TARGET_ROOTS):
                # (a deed told as the time of another, "a day after Georgian troops launched an assault on the
                # breakaway region", answers nothing in its sentence)
                # "..., and Tokyo protested": the act it answers; across sentences only a verbal reaction
                pool = [*before, *context] if code[:2] not in _NAMED_TARGET_ROOTS else list(context)
                targets = _answered(sources, pool, obj, told if code[:2] not in _NAMED_TARGET_ROOTS else ())
                confidence = 0.5
            if not targets:
                if untargeted is not None and code[:2] in _NAMED_TARGET_ROOTS and verb.dep_ in {"ROOT", "conj"}:
                    # a deed aimed at nobody named ("North Korea fired a missile into the sea"): no event, but
                    # what a later reaction answers
                    untargeted.append(_Raw(verb, code, f"pattern:{pattern.id}", tuple(sources), (), False,
                                           polarity, modality, 0.9, when))
                return None
        code = self._harm_code(pattern, obj, sources, targets, mentions) or code
        if code == "190" and all(s.sector == "REB" for s in sources) and not any(
                t.sector in _ARMED_SECTORS for t in targets):
            code = "180"  # gunmen storming a mall or hotels: unconventional violence, not an act of war
        cameo = _recoded(recode, code, code)
        if means is not None and len(code) == 3 and code.endswith("0") and cameo == code:
            cameo = means[1].cameo  # a generic harm done by air strike (195) or shelling (194)
        if pattern.refusal:  # "said it would not recognise the ruling": the refusal is made now
            cameo, modality, polarity = code, Modality.ACTUAL, Polarity.ASSERTED
        if modality == Modality.ACTUAL:  # an appeal made is "demanded", a pledge or threat made is "intended"
            modality = self.patterns.speech_modality.get(cameo[:2], modality)
        symmetric = pattern.symmetric or (mutual and not targets)
        if symmetric and modality == Modality.INTENDED and len(sources) < 2 and code[:2] != "04" and not (
                verb.lemma_.lower() in self.patterns.words.agreeing_verbs and _prep_object(verb, {"with"})):
            # "Japan will work closely with the US", "Scholz promised more air defence": one side's pledge; a
            # planned meeting is both's, and so is what one "agreed with" the other
            symmetric = False
        return _Raw(verb, cameo, f"pattern:{pattern.id}", tuple(sources), tuple(targets),
                    symmetric or (joint and not targets), polarity, modality, confidence, when)

    def _harm_code(self, pattern: PatternEntry, victim: Token | None, sources: list[Actor], targets: list[Actor],
                   mentions: DocActors) -> str | None:
        """The code a killing takes from its victims: unarmed people counted in hundreds or more are a mass killing
        ("killed hundreds of civilians in Bucha", 202); unarmed victims of a non-state armed group an assault
        ("militants killed 148 people", 180); a person named, an assassination ("killed Hamas deputy leader Saleh
        al-Arouri", 186). Armed victims (soldiers, police, fighters) keep the pattern's code."""
        if victim is None or not (pattern.mass_cameo or pattern.assault_cameo or pattern.named_cameo):
            return None
        counted = [victim]
        if victim.pos_ == "NUM" or victim.lemma_.lower() in self.patterns.words.quantities:
            counted += [g for c in children(victim) if c.dep_ == "prep" and c.lower_ == "of"
                        for g in children(c) if g.dep_ == "pobj"]
        if any(t.sector in _ARMED_SECTORS for t in targets) or any(
                self.actors.sector_of(t) in _ARMED_SECTORS for t in counted):
            return None
        mention = mentions.by_token.get(victim.i)
        if pattern.named_cameo and mention is not None and mention.ref().kind == "person":
            return pattern.named_cameo
        if pattern.mass_cameo and _mass(victim, self.patterns.words):
            return pattern.mass_cameo
        if pattern.assault_cameo and any(s.sector == "REB" for s in sources):
            return pattern.assault_cameo
        return None

    def _instrument(self, verb: Token, passive: bool) -> tuple[Token, InstrumentEntry] | None:
        """The noun naming the means of a harm verb, with its entry: the active subject ("an Israeli drone strike
        killed ...") or, in the passive, the object of "in"/"by" ("killed in Israeli tank shelling")."""
        lemma = verb.lemma_.lower()
        candidates: list[Token] = []
        for child in children(verb):
            if not passive and child.dep_ == "nsubj":
                candidates.append(child)
            elif passive and child.dep_ in {"prep", "agent"} and child.lower_ in {"in", "by", "during"}:
                for pobj in (g for g in children(child) if g.dep_ == "pobj"):
                    candidates.append(pobj)
                    after = pobj.doc[pobj.i + 1] if pobj.i + 1 < len(pobj.doc) else None
                    if after is not None and after.tag_ == "VBG" and after.head.i == verb.i:
                        # "killed in Israeli tank | shelling": the parser read the means as a verb of its own;
                        # the word before it, with its modifiers, is then the means' modifier
                        candidates.append(after)
        for noun in candidates:
            modifiers = {c.lemma_.lower() for c in children(noun) if c.dep_ in {"compound", "amod", "nmod"}}
            if noun.tag_ == "VBG":
                before = noun.doc[noun.i - 1]
                modifiers |= {before.lemma_.lower(), *(c.lemma_.lower() for c in children(before))}
            for entry in self.patterns.instruments.get(noun.lower_ if noun.tag_ == "VBG" else noun.lemma_.lower(), ()):
                if lemma in entry.verbs and (not entry.modifiers or not modifiers.isdisjoint(entry.modifiers)):
                    return noun, entry
        return None

    def _nominal(self, noun: Token, entry: NominalEntry, mentions: DocActors, clock: Clock, salience: Salience
                 ) -> _Raw | None:
        """An act named by a noun: "the summit between Trump and Kim", "Kishida's visit to Seoul", "talks with
        Xi" inside a clause whose subject is the visitor."""
        verb = governing_verb(noun)
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in self.patterns.words.cancelling_verbs:
            return None  # "Blinken's trip to Beijing was postponed": no trip took place
        if verb.lower_ == "following" and verb.dep_ in {"prep", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head  # "Following talks with his Indian counterpart, the Chinese minister said ..."
        modality, recode = self._modality(verb) if verb.i != noun.i else (Modality.ACTUAL, {})
        when = date_for(verb, clock, statement=modality == Modality.INTENDED)
        day = when.start or clock.reference
        sources: list[Actor] = []
        targets: list[Actor] = []
        symmetric = entry.symmetric
        for child in children(noun):
            if child.dep_ == "prep" and child.lower_ == "between":
                for pobj in (g for g in children(child) if g.dep_ == "pobj"):
                    sources = self.actors.resolve(pobj, mentions, day, salience)
            elif child.dep_ == "poss" or (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by")):
                holder = [child] if child.dep_ == "poss" else [g for g in children(child) if g.dep_ == "pobj"]
                for token in holder:
                    sources = sources or self.actors.resolve(token, mentions, day, salience, loose=True)
            elif child.dep_ == "prep" and child.lower_ in entry.target:
                for pobj in (g for g in children(child) if g.dep_ == "pobj"):
                    targets = targets or self.actors.resolve(pobj, mentions, day, salience)
        if not sources:
            # "US-China talks" name both sides as modifiers; "a Chinese blockade of Taiwan" names the actor
            named = [a for c in children(noun) if c.dep_ in {"compound", "amod", "nmod", "npadvmod"}
                     for a in self.actors.resolve(c, mentions, day, salience)]
            if len({a.country for a in named}) >= 2 if symmetric else len({a.country for a in named}) == 1:
                sources = named[:1] if not symmetric else named
        if not sources and (targets or symmetric):
            # "arrived in Beijing for talks with Xi", "agreed in a phone call": the clause's subject acts
            if noun.dep_ != "pobj" or noun.head.head.i != verb.i or verb.pos_ not in {"VERB", "AUX"}:
                return None
            if noun.head.lower_ in _BACKGROUND_PREPS - {"following"}:
                return None  # "agreed to a ceasefire after talks mediated by Qatar": what went before, as a noun
            passive = _is_passive(verb)
            sources = self._sources(verb, passive, mentions, day, salience)
            if not sources and passive:  # "soldiers were killed in a clash with Chinese troops": the victims' side
                sources = [a for c in children(verb) if c.dep_ == "nsubjpass"
                           for a in self.actors.resolve(c, mentions, day, salience, loose=True)]
            if not targets and len(sources) < 2:
                targets = _with_party(verb, self.actors, mentions, day, salience)
        if not sources or not (targets or (symmetric and len(sources) >= 2)):
            return None
        cameo = _recoded(recode, entry.cameo, entry.cameo)
        return _Raw(noun, cameo, f"nominal:{entry.id}", tuple(sources), tuple(targets), symmetric,
                    _polarity(verb) if verb.i != noun.i else Polarity.ASSERTED, modality, 0.7, when)

    def _reaction(self, noun: Token, entry: ReactionEntry, mentions: DocActors, clock: Clock, salience: Salience
                  ) -> _Raw | None:
        """Others' reaction to the clause's subject: "..., drawing criticism from Japanese lawmakers", "raising
        alarm in Canberra and Washington"."""
        verb = noun.head
        when = date_for(verb, clock)
        day = when.start or clock.reference
        # the reactors hang on the noun or, as the parser often has it, on the verb ("raising alarm | in Canberra")
        reactors = [a for c in [*children(noun), *children(verb)] if c.dep_ == "prep" and c.lower_ in entry.preps
                    for g in children(c) if g.dep_ == "pobj"
                    for a in self.actors.resolve(g, mentions, day, salience, loose=True)]
        actor_verb = verb
        if verb.dep_ == "advcl" and verb.head.lemma_.lower() in self.patterns.words.speech_verbs:
            # "X signed a pact with China, the ministry confirmed, raising alarm in Canberra": the act reported
            actor_verb = next((c for c in children(verb.head) if c.dep_ == "ccomp"), verb)
        passive = _is_passive(actor_verb)
        subjects = self._sources(actor_verb, passive, mentions, day, salience) or [
            # "Japan's decision sparked anger in Seoul", "the visit by Pelosi drew condemnation": the act's owner
            a for t in _subject_tokens(actor_verb, passive, self.patterns.words) for c in children(t)
            if c.dep_ == "poss" or (c.dep_ in {"prep", "agent"} and c.lower_ == "by")
            for g in ([c] if c.dep_ == "poss" else [g for g in children(c) if g.dep_ == "pobj"])
            for a in self.actors.resolve(g, mentions, day, salience)]
        own = {a.country for a in reactors}
        targets = [a for a in subjects if a.country not in own]
        if not reactors or not targets:
            return None
        return _Raw(noun, entry.cameo, f"reaction:{entry.id}", tuple(reactors), tuple(targets), False,
                    _polarity(verb), Modality.ACTUAL, 0.7, when)

    def _deverbal(self, noun: Token, base: str, mentions: DocActors, clock: Clock, salience: Salience
                  ) -> _Raw | None:
        """The act a noun names as the object of a carrier verb, coded by the base verb's patterns: "Italy
        announced a suspension of air links with Serbia", "completed the withdrawal of its troops from
        Afghanistan", "ordered the expulsion of two Russian diplomats"."""
        carrier = noun.head
        # what the act is done to: "the expulsion of two Russian diplomats", "a halt to military operations",
        # "new arms deliveries to Ukraine" (a noun in front, when nothing follows "of")
        obj = next((g for prep in ("of", "to") for c in children(noun) if c.dep_ == "prep" and c.lower_ == prep
                    for g in children(c) if g.dep_ == "pobj"), None)
        if obj is None or (obj.head.lower_ == "to" and base != "halt"):
            obj = next((c for c in children(noun) if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
        pattern = _match(noun, obj, self.patterns.by_lemma.get(base, []), self.patterns.words)
        if pattern is None or pattern.refusal:
            return None
        modality, recode = self._modality(carrier)
        when = date_for(carrier, clock, statement=modality == Modality.INTENDED)
        day = when.start or clock.reference
        owner = [a for c in children(noun) if c.dep_ == "poss"
                 for a in self.actors.resolve(c, mentions, day, salience)]  # "Russia's withdrawal from the deal"
        sources = owner or self._sources(carrier, _is_passive(carrier), mentions, day, salience)
        if not sources:
            return None
        targets = self._targets(noun, obj, pattern, mentions, day, salience, direct_only=True,
                                own={s.country for s in sources})
        targets = [t for t in targets if t.country not in {s.country for s in sources}]
        if not targets:
            return None
        cameo = _recoded(recode, pattern.cameo, pattern.cameo)
        if modality == Modality.ACTUAL:
            modality = self.patterns.speech_modality.get(cameo[:2], modality)
        return _Raw(noun, cameo, f"deverbal:{pattern.id}", tuple(sources), tuple(targets), pattern.symmetric,
                    _polarity(carrier), modality, 0.7, when)

    def _brokered(self, keyed: Sequence[tuple[Token, str]], raws: list[_Raw], mentions: DocActors, clock: Clock,
                  salience: Salience) -> Iterator[_Raw]:
        """A third party that brought the sentence's parties together: "a US-brokered deal", "a truce mediated
        by Qatar and Egypt", "in the presence of Rubio", "with Turkey acting as host"."""
        coded: set[tuple[str | None, str | None]] = set()
        for token, lemma in keyed:
            entry: BrokerEntry | None = None
            helpers: list[Token] = []
            if lemma in self.patterns.broker_verbs and token.dep_ in {"amod", "acl", "relcl", "advcl"}:
                entry = self.patterns.broker_verbs[lemma]
                # "US-brokered": the country hangs on the participle; "brokered by China": the agent
                helpers = [c for c in children(token) if c.dep_ in {"npadvmod", "compound", "nmod"} and c.i < token.i]
                helpers += [g for c in children(token) if c.dep_ == "agent" for g in children(c) if g.dep_ == "pobj"]
            elif lemma in self.patterns.broker_nouns and token.pos_ == "NOUN" and token.head.lower_ in {"in", "under"}:
                entry = self.patterns.broker_nouns[lemma]
                helpers = [g for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"
                           for g in children(c) if g.dep_ == "pobj"]
                helpers += [c for c in children(token) if c.dep_ == "poss"]
            elif (lemma in self.patterns.broker_roles and token.dep_ == "pobj" and token.head.lower_ == "as"
                  and token.head.head.pos_ in {"VERB", "AUX"}):
                entry = self.patterns.broker_roles[lemma]
                helpers = _subject_tokens(token.head.head, False, self.patterns.words)
            if entry is None or not helpers:
                continue
            # dated by the clause the helper's noun sits in ("signed a US-brokered deal on Friday")
            verb = governing_verb(token.head if token.pos_ != "VERB" or token.dep_ in {"amod", "acl"} else token)
            when = date_for(verb, clock)
            day = when.start or clock.reference
            brokers = [a for h in helpers for a in self.actors.resolve(h, mentions, day, salience, loose=True)]
            own = {b.country for b in brokers}
            parties: dict[str | None, Actor] = {}
            for raw in raws:
                if raw.verb.i == token.i:
                    continue
                for actor in (*raw.sources, *raw.targets):
                    if actor.country not in own:
                        parties.setdefault(actor.country, actor)
            if not parties:
                for other in sent_tokens(token.sent):
                    if other.i not in mentions.by_token or _inside_span(other, helpers) or _venue(other):
                        continue  # "agreed in Pretoria": the venue is not a party
                    for actor in self.actors.resolve(other, mentions, day):
                        if actor.country not in own and mentions.by_token[other.i].ref().kind != "place":
                            parties.setdefault(actor.country, actor)
            fresh = [p for p in parties.values() if not {(b.country, p.country) for b in brokers} <= coded]
            if brokers and parties and fresh and (len(parties) >= 2 or any(r.verb.i != token.i for r in raws)):
                coded.update((b.country, p.country) for b in brokers for p in parties.values())
                yield _Raw(token, entry.cameo, f"broker:{entry.id}", tuple(brokers), tuple(fresh), False,
                           Polarity.ASSERTED, Modality.ACTUAL, 0.7, when)

    def _speaker_and_others(self, speech: Token, others: list[Token], mentions: DocActors, clock: Clock,
                            salience: Salience) -> tuple[EventDate, list[Actor], list[Actor]]:
        """For a stance a speech verb reports: its date, the speakers, and the actors ``others`` name that are not
        the speakers' countries."""
        when = date_for(speech, clock, statement=True)
        day = when.start or clock.reference
        speakers = self._sources(speech, False, mentions, day, salience)
        own = {s.country for s in speakers}
        found = [a for t in others for a in self.actors.resolve(t, mentions, day, salience, loose=True)
                 if a.country not in own]
        return when, speakers, found

    def _blame(self, speech: Token, blamed: Token, mentions: DocActors, clock: Clock, salience: Salience
               ) -> _Raw | None:
        """"The FBI said the North Korean government was responsible for the attack": an accusation (112) of the
        clause's subject by the speaker."""
        when, speakers, accused = self._speaker_and_others(speech, [blamed], mentions, clock, salience)
        if not speakers or not accused:
            return None
        return _Raw(speech, "112", "statement:responsible", tuple(speakers), tuple(accused), False, _polarity(speech),
                    Modality.ACTUAL, 0.7, when)

    def _must(self, speech: Token, clause: Token, inner: list[_Raw] | None, mentions: DocActors, clock: Clock,
              salience: Salience, appeal: bool = False) -> _Raw | None:
        """"Russia said Sudan must return the helicopter": the speaker demands the act of the clause's subject
        (a 10x demand, modality demanded); the demanded act itself is not coded. ``appeal``: "should", which asks
        (02x: "Moon said Japan should apologise")."""
        subjects = [t for t in children(clause) if t.dep_ in _SUBJECT_DEPS]
        when, speakers, addressees = self._speaker_and_others(speech, subjects, mentions, clock, salience)
        if not speakers or not addressees:
            return None
        entry = self.patterns.appeal if appeal else self.patterns.demand
        code = "020" if appeal else "100"
        if inner and entry is not None:
            code = _recoded(entry.recode, inner[0].cameo, entry.code or code)
        return _Raw(speech, code, "complement:must" + (f"+{inner[0].rule_id}" if inner else ""), tuple(speakers),
                    tuple(addressees), False, _polarity(speech), Modality.DEMANDED, 0.7, when)

    def _after_preps(self, verb: Token, preps: set[str], mentions: DocActors, day: date | None,
                     salience: Salience) -> list[Actor]:
        """The actors named after the verb's own prepositions ``preps`` ("in Lebanon", "from the African Union")."""
        return [a for c in children(verb) if c.dep_ == "prep" and c.lower_ in preps
                for g in children(c) if g.dep_ == "pobj"
                for a in self.actors.resolve(g, mentions, day, salience)]

    def _order(self, head: Token, entry: DirectiveEntry, ordered: dict[int, _Raw], mentions: DocActors,
               clock: Clock, salience: Salience) -> _Raw | None:
        """"The ICJ ordered the United States to lift sanctions": an order to another state or organisation is a
        demand on it, and a court's order a ruling against it (116); an order to one's own troops or ministries is
        no international act. Some ordered acts are the orderer's own measure ("ordered China to close its
        consulate in Houston": the US closed it)."""
        demand = self.patterns.demand
        acts = [ordered[c.i] for c in children(head) if c.i in ordered]
        addressee = _object(head, False)
        if demand is None or addressee is None or not any(_directed(c) for c in children(head)):
            return None
        day = clock.reference
        asked = self.actors.resolve(addressee, mentions, day, salience)
        speakers = self._sources(head, False, mentions, day, salience)
        asked_countries = {a.country for a in asked}
        if not asked or not speakers or asked_countries & {a.country for a in speakers} or None in asked_countries:
            return None
        court = any(a.sector == "JUD" or ((a.country or "").startswith("IGO") and any(
            w in (a.name or "").lower() for w in self.patterns.words.court_words)) for a in speakers)
        # a court's order is a ruling whatever it orders ("ordered Thailand to withdraw its troops")
        taken = [a for a in acts if any(a.cameo == c or a.cameo[:2] == c for c in entry.takes_over)]
        if court or taken:
            code, rule = ("116", f"complement:{entry.id}") if court else (taken[0].cameo,
                                                                          f"complement:{entry.id}+{taken[0].rule_id}")
            return _Raw(head, code, rule, tuple(speakers), tuple(asked), False, _polarity(head), Modality.ACTUAL,
                        0.85, date_for(head, clock, statement=True))
        if not acts:  # "Niger ordered France to withdraw its troops": an act with no target named, still asked
            return _Raw(head, demand.code or "100", f"complement:{entry.id}", tuple(speakers), tuple(asked), False,
                        _polarity(head), Modality.DEMANDED, 0.7, date_for(head, clock, statement=True))
        return self._complement(head, demand, acts[0], mentions, clock, salience)

    def _carried(self, noun: Token) -> bool:
        """The noun carries its infinitive's act for a complement verb ("examining a plan to fire ...")."""
        entry = self.patterns.complements.get(noun.head.lemma_.lower()) if noun.dep_ == "dobj" else None
        return entry is not None and noun.lemma_.lower() in entry.nouns

    def _complement(self, head: Token, entry: ComplementEntry, inner: _Raw, mentions: DocActors, clock: Clock,
                    salience: Salience) -> _Raw:
        """``head`` ("threatened", "urged", "pledged") governs ``inner``'s act: code the speech act instead,
        dated by the speech act (falling back to what dates the inner act)."""
        if head.lemma_.lower() in self.patterns.words.wish_verbs and (_object(head, False) is not None or any(
                c.dep_ == "nsubj" for c in children(inner.verb))):
            entry = self.patterns.appeal or entry  # "wants Putin to attack": an appeal to Putin
        if entry.own_act and inner.sources:
            speakers = {a.country for a in self._sources(head, False, mentions, clock.reference, salience)}
            if speakers and not speakers & {a.country for a in inner.sources}:
                return inner  # "warned that Russia could invade Ukraine": Russia's act, as the speaker tells it
        spoken = date_for(head, clock, statement=True)
        occurred = spoken
        ahead = inner.occurred.start is not None and clock.reference is not None and (
            inner.occurred.start > clock.reference)
        if spoken.basis == DateBasis.PUBLICATION_FALLBACK and not ahead:
            occurred = inner.occurred  # but "agreed to hold talks around Sept. 20" (in May) was agreed in May
        day = occurred.start or clock.reference
        if inner.cameo[:2] in entry.negates:  # "has refused to condemn Russia": the condemnation, negated
            return _Raw(inner.verb, inner.cameo, f"complement:{entry.id}+{inner.rule_id}", inner.sources,
                        inner.targets, inner.symmetric, Polarity.NEGATED, Modality.ACTUAL, inner.confidence, occurred)
        if inner.cameo[:2] in entry.pass_through and inner.targets:
            return _Raw(inner.verb, inner.cameo, inner.rule_id, inner.sources, inner.targets, inner.symmetric,
                        _polarity(head), Modality.ACTUAL, inner.confidence, inner.occurred)
        code = _recoded(entry.recode, inner.cameo, entry.code or inner.cameo)
        if entry.code and inner.cameo[:2] == entry.code[:2]:
            code = inner.cameo  # "pledged to provide security guarantees" keeps its own intent code (0334)
        modality = Modality(entry.modality) if entry.modality else inner.modality
        polarity = Polarity.NEGATED if entry.polarity == Polarity.NEGATED else _polarity(head)
        sources = tuple(self._sources(head, False, mentions, day, salience)) or inner.sources
        targets: tuple[Actor, ...] = ()
        if entry.modality == Modality.DEMANDED:
            addressee = _object(head, False) or _prep_object(head, {"on", "upon"})
            if addressee is not None:  # "urged Seoul to ...", "called on Tokyo to ..." (not "on Monday")
                targets = tuple(self.actors.resolve(addressee, mentions, day, salience))
            if not targets and inner.sources != sources:
                targets = inner.sources  # "demanded that Japan withdraw the curbs": Japan is asked
        if not targets:
            targets = inner.targets
        # an offer, refusal, threat or appeal to meet is one side's act; an agreement to meet is both sides'
        symmetric = inner.symmetric and (entry.mutual or len(sources) >= 2)
        return _Raw(head, code, f"complement:{entry.id}+{inner.rule_id}", sources, targets, symmetric,
                    polarity, modality, min(inner.confidence, 0.85), occurred)

    def _sources(self, verb: Token, passive: bool, mentions: DocActors, day: date | None, salience: Salience,
                 subjects: list[Token] | None = None) -> list[Actor]:
        """The actors of the verb's subjects (``subjects`` when the caller has found them already)."""
        found: list[Actor] = []
        # the parser may give a list several nsubj ("A, B and C")
        tokens = subjects if subjects is not None else _subject_tokens(verb, passive, self.patterns.words)
        for token in tokens:
            for actor in self.actors.resolve(token, mentions, day, salience, loose=True):
                if actor not in found:
                    found.append(actor)
        if not found and not passive:
            # "an air strike by the Saudi-led coalition hit a school bus", "a missile fired by the Houthis struck
            # ...", "a report by Amnesty accused ...": whoever the subject is by
            for agent in (a for t in tokens if t.dep_ == "nsubj" and t.head.i == verb.i for a in _by_agents(t)):
                found.extend(a for a in self.actors.resolve(agent, mentions, day, salience, loose=True)
                             if a not in found)
        return found

    def _targets(self, verb: Token, obj: Token | None, pattern: PatternEntry, mentions: DocActors,
                 day: date | None, salience: Salience, direct_only: bool = False,
                 own: set[str | None] | None = None) -> list[Actor]:
        """The target actors. ``direct_only``: only actors the pattern's slots name themselves (a joint act of
        several sources does not reach for a third party named inside its object). ``own``: the sources'
        countries, which a complement clause's subject cannot be a target for ("warned it would respond")."""
        slots = pattern.target
        if verb.dep_ == "acl" and obj is not None and obj.i == verb.head.i and "dobj" in slots:
            slots = ["dobj", *(s for s in slots if s != "dobj")]  # "detainees freed by X": the detainees first
        # "Armenia said Turkish jets had shot down its warplane": the victim of a force is not its wielder, so an
        # owner's pronoun passes over the sources ("defend its interests", "drop its complaint" are their own)
        avoid = frozenset(own or ()) if pattern.cameo[:2] in _FORCE_ROOTS else frozenset()
        stateless: list[Actor] = []  # "bombed Islamic State targets in Derna": the state where, if named
        for slot in slots:
            for token in _slot_tokens(verb, obj, slot):
                found = self.actors.resolve(token, mentions, day, salience, loose=not direct_only, avoid=avoid)
                if not found and not direct_only:
                    found = self._inside(token, mentions, day, verb, victims=pattern.cameo[:2] in _CARING_ROOTS,
                                         avoid=avoid)
                if found and all((a.country or "").startswith("IMG:") for a in found):
                    stateless = stateless or found
                    continue
                if found:
                    return found
        if stateless:
            return stateless
        if direct_only:
            return []
        if obj is None and verb.dep_ == "relcl":
            found = self._referent_actor(verb.head, mentions, day, salience)
            if found:
                return found
        if verb.dep_ == "acl" and verb.head.i != verb.i:
            # "Patriot systems supplied by the US have arrived in Ukraine": where the thing went
            carrier = governing_verb(verb.head)
            preps = [] if carrier.lemma_.lower() not in self.patterns.words.arrival_verbs else children(carrier)
            for prep in (c for c in preps if c.dep_ == "prep" and c.lower_ in {"in", "to", "into"}):
                for place in (g for g in children(prep) if g.dep_ == "pobj"):
                    found = self.actors.resolve(place, mentions, day, salience)
                    if found:
                        return found
        clauses = [c for c in children(verb) if c.dep_ in {"xcomp", "ccomp"}]
        # "triggered the snapback mechanism to restore UN sanctions on Iran", "pledged $50 million to rebuild
        # hospitals in Sudan": the purpose an infinitive names, on the object or on the verb
        purposes = [c for c in (*children(verb), *(children(obj) if obj is not None else ()))
                    if c.dep_ in {"advcl", "acl"} and any(g.tag_ == "TO" for g in children(c))]
        clauses += purposes
        # "was disappointed that Japan had taken an action": the clause hangs on the adjective
        clauses += [g for c in children(verb) if c.dep_ == "acomp" for g in children(c) if g.dep_ in {"xcomp", "ccomp"}]
        # "struck what it said were militant bases in Pakistan": the object sits in what the speech verb reports
        clauses += [g for c in clauses if c.lemma_.lower() in self.patterns.words.speech_verbs
                    for g in children(c) if g.dep_ == "ccomp"]
        for clause in clauses:
            # "threatened to destroy Turkey's economy", "warned it would act against US firms": the target sits
            # in the complement clause when the verb names none of its own
            inner_obj = _object(clause, any(c.dep_ == "nsubjpass" for c in children(clause)))
            asked = [c for c in children(clause) if c.dep_ == "nsubj"] if clause.dep_ == "ccomp" else []
            inner_slots: tuple[str, ...] = ("nsubj", "dobj", "poss", "prep:against", "prep:on", "prep:to", "prep:with")
            if clause in purposes:
                # (a purpose's object is often another's: "to restore UN sanctions on Iran" is aimed at Iran)
                inner_slots = ("prep:against", "prep:on", "prep:to", "prep:with", "dobj", "poss")
            elif clause.lemma_.lower() in self.patterns.words.naming_verbs and any(
                    c.tag_ == "WP" for c in children(clause)):
                # "struck what New Delhi called a militant camp inside Pakistan": the place of what is named
                inner_slots = ("dobj", "prep:inside", "prep:in", "prep:near")
            for slot in inner_slots:
                # "demanded that Pyongyang halt its programmes": the one asked is the clause's subject
                tokens = asked if slot == "nsubj" else _slot_tokens(clause, inner_obj, slot)
                for token in tokens:
                    found = (self.actors.resolve(token, mentions, day, salience, loose=True)
                             or self._inside(token, mentions, day))
                    found = [a for a in found if a.country not in (own or set())]
                    if found:
                        return found
        marks = {"if", "unless"} if pattern.cameo[:2] == "13" else set()
        if pattern.cameo[:2] in _REACTION_ROOTS:
            marks |= {"after", "when", "because", "as"}
        if marks:
            # "threatened to stop the talks if the United States deploys the missiles", "threatened to close the
            # strait unless Washington lifted sanctions": a threat is aimed at whom its condition names; "Tokyo
            # protested after South Korean lawmakers visited the islets": a reaction at whom its cause names
            for clause in (verb, *clauses):
                for condition in children(clause):
                    if condition.dep_ != "advcl" or not any(
                            m.dep_ == "mark" and m.lower_ in marks for m in children(condition)):
                        continue
                    for subject in (c for c in children(condition) if c.dep_ in {"nsubj", "nsubjpass"}):
                        found = [a for a in self.actors.resolve(subject, mentions, day, salience, loose=True)
                                 if a.country not in (own or set())]
                        if found:
                            return found
        return []

    def _referent_actor(self, noun: Token, mentions: DocActors, day: date | None, salience: Salience
                        ) -> list[Actor]:
        """"..., a move Beijing condemned": the condemned move is the act of the clause the noun sums up, so the
        target is that clause's subject."""
        if (noun.lemma_.lower() not in self.patterns.words.act_nouns
                or noun.dep_ not in {"appos", "npadvmod", "dobj", "attr"}):
            return []
        clause = noun.head
        while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
            clause = clause.head
        clause_passive = any(c.dep_ == "nsubjpass" for c in children(clause))
        for subject in _subject_tokens(clause, clause_passive, self.patterns.words):
            found = self.actors.resolve(subject, mentions, day, salience, loose=True)
            if found:
                return found
        return []

    def _inside(self, token: Token, mentions: DocActors, day: date | None, verb: Token | None = None,
                victims: bool = False, avoid: frozenset[str | None] = frozenset()) -> list[Actor]:
        """An actor named inside a non-actor phrase: "exports to South Korea", "South Korea-bound exports".
        ``victims``: an act toward those a harm was done to ("apologised for the death of a Chinese pilot").
        ``avoid``: the act's own sources, which an owner's pronoun passes over ("shot down one of its warplanes")."""
        kids = children(token)
        if token.lemma_.lower() in self.patterns.words.harm_nouns and not victims:
            # "condemned the killing of a Kenyan journalist by Pakistani police": the one who did the harm; whom it
            # was done to is its victim, not the target
            for agent in (g for c in kids if c.dep_ == "prep" and c.lower_ == "by"
                          for g in children(c) if g.dep_ == "pobj"):
                found = self.actors.resolve(agent, mentions, day, loose=True)
                if found:
                    return found[:1]
            kids = tuple(c for c in kids if not (c.dep_ == "prep" and c.lower_ in {"of", "by"}))
        frontier = [(child, 1) for child in kids]
        while frontier:
            node, depth = frontier.pop(0)
            if node.dep_ == "acl" and depth == 1 and node.tag_ == "VBN" and verb is not None and node.i != verb.i:
                # "an investigation into war crimes committed by Russian forces": whoever committed them
                for agent in (g for c in children(node) if c.dep_ == "agent" for g in children(c) if g.dep_ == "pobj"):
                    found = self.actors.resolve(agent, mentions, day, loose=True)
                    if found:
                        return found[:1]
                continue
            if node.dep_ in {"relcl", "acl"} and node.lemma_.lower() in self.patterns.words.landing_verbs:
                # "a missile that landed in Japan's exclusive economic zone": where it came down
                frontier.extend((c, depth) for c in children(node) if c.dep_ == "prep")
                continue
            if node.dep_ in {"relcl", "ccomp", "advcl", "acl", "appos", "conj", "cc", "punct", "det"}:
                continue
            if _border_place(node, self.patterns.words):
                continue  # "a stronghold on the Thai border": where it lies, not whose it is
            if avoid and node.dep_ == "poss" and node.lower_ in {"its", "their"} and self.actors.sector_of(
                    node.head) is not None:  # "one of its warplanes", not "its seventh nuclear test"
                found = self.actors.resolve(node, mentions, day, avoid=avoid)
                if found and not {a.country for a in found} <= avoid:
                    return found[:1]
                continue
            mention = mentions.by_token.get(node.i)
            if mention is not None and mention.ref().kind not in {"person"}:
                found = self.actors.resolve(node, mentions, day)
                # "hosted talks between Azerbaijan and Armenia", "the staff of Argentina, Chile and Peru": all the
                # actors of a list; otherwise the first named
                listed = node.dep_ == "pobj" and (node.head.lower_ == "between" or bool(node.conjuncts))
                return found if listed else found[:1]
            if depth < 3:
                frontier.extend((child, depth + 1) for child in children(node))
        return []

    def _only_other_actor(self, verb: Token, sources: list[Actor], mentions: DocActors, day: date | None,
                          root: str = "") -> list[Actor]:
        """Last resort for a target the parse hides ("controls on exports of three materials used in chips to
        South Korea"): the one actor other than the source named in the verb's own clause, if exactly one."""
        own = {s.country for s in sources}
        found: dict[str | None, Actor] = {}
        for token in _clause_tokens(verb):
            if token.dep_ in _SUBJECT_DEPS or token.i not in mentions.by_token:
                continue
            if token.head.lemma_.lower() in self.patterns.broker_verbs:
                continue  # "signed a French-brokered plan": the broker is coded on its own
            if _affiliation(token, self.patterns.words):
                continue  # "the Al-Qaeda-linked group": a tie of the actor's, no party to the act
            if _organisation_as_means(token, mentions, self.patterns.words) or _border_place(token,
                                                                                            self.patterns.words):
                continue  # "withdraw its WTO complaint", "offered rice through the World Food Programme"
            if _under_prep(token, verb, _BACKGROUND_PREPS) or (
                    root in _VERBAL_ROOTS and _under_prep(token, verb, _CHANNEL_PREPS)) or (
                    root in _TALK_ROOTS and _venue(token) and token.head.lower_ in {"in", "at"}):
                continue  # "sent carriers ... after the Hamas attack", "agreed in Pretoria": when or where, not whom
            for actor in self.actors.resolve(token, mentions, day):
                if actor.country not in own:
                    found.setdefault(actor.country, Actor(actor.text, actor.country, None, actor.name,
                                                          actor.resolved_by))
        return list(found.values()) if len(found) == 1 else []

    def _modality(self, verb: Token) -> tuple[Modality, dict[str, str]]:
        """The modality a modal auxiliary gives the verb, and the recoding it implies for the act's root."""
        chain = [verb]
        if verb.dep_ == "conj":
            chain.append(verb.head)
        if any(t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children(t))
               for t in chain):
            return Modality.HYPOTHETICAL, {}  # "if it provided weapons to Russia": a condition, not a deed
        for token in chain:
            for child in children(token):
                if child.dep_ == "aux" and child.lower_ in self.patterns.modals:
                    if child.lower_ == "would" and _reported(token, self.patterns.words):
                        # "Seoul said it would drop Japan from its list": future in the past, an intention
                        return Modality.INTENDED, self.patterns.intent_recode
                    modal = self.patterns.modals[child.lower_]
                    return Modality(modal.modality), modal.recode
        return Modality.ACTUAL, {}

    def _remember(self, sent: Span, mentions: DocActors, day: date | None, salience: Salience) -> None:
        """After a sentence: every actor it named (for "the two countries") and its subjects, as groups (for
        "it" and "they"). Worked out only if a later sentence asks for them (``Salience.defer``)."""
        salience.defer(lambda: self._named_in(sent, mentions, day), lambda: self._subjects_of(sent, mentions, day))

    def _named_in(self, sent: Span, mentions: DocActors, day: date | None) -> list[Actor]:
        """The actors of every mention in ``sent``, in order."""
        named: list[Actor] = []
        seen_mentions: set[int] = set()
        for token in sent:
            mention = mentions.by_token.get(token.i)
            if mention is None or id(mention) in seen_mentions:
                continue
            seen_mentions.add(id(mention))
            named.extend(self.actors.resolve(token, mentions, day))
        return named

    def _subjects_of(self, sent: Span, mentions: DocActors, day: date | None) -> list[list[Actor]]:
        """The actors of each (non-pronoun) subject in ``sent``, one group per subject."""
        groups: list[list[Actor]] = []
        for token in sent:
            if token.dep_ in _SUBJECT_DEPS and token.lower_ not in _PRONOUN_WORDS:
                group = self.actors.resolve(token, mentions, day, loose=True)
                if group:
                    groups.append(group)
        return groups

    # -- records -------------------------------------------------------------------------------------------------
    def _converse(self, raw: _Raw, told: list[_Raw]) -> tuple[_Raw, ...]:
        """The converse act an act also tells ("hosted Orban": Orban visited), the other way round, unless the
        sentence tells it itself ("arrived in Pyongyang and was greeted by Kim Jong Il")."""
        code = self.patterns.converses.get(raw.cameo)
        # guests are people or governments: "hosted Orban", not "host 80,000 US troops"
        guests = tuple(t for t in raw.targets if t.country and not t.country.startswith("IGO:") and t.sector != "MIL")
        if code is None or raw.symmetric or not guests or raw.rule_id.startswith("broker:"):
            return ()  # a host of others' talks, or of a summit of an organisation, was visited by nobody in turn
        if any(other.cameo[:2] == code[:2] and _countries(other.sources) == _countries(guests)
               and _countries(other.targets) == _countries(raw.sources) for other in told):
            return ()
        return (_Raw(raw.verb, code, f"{raw.rule_id}+converse", guests, raw.sources, False, raw.polarity,
                     raw.modality, raw.confidence, raw.occurred),)

    def _pair(self, raw: _Raw, article: Article, index: int, sent: Span, mentions: DocActors, text: str
              ) -> Iterator[Event]:
        """One event per (source, target) pair of ``raw``; ``text`` is the Doc's text (``Doc.text`` joins every
        token again on each call)."""
        pairs: list[tuple[Actor, Actor]] = []
        if raw.targets:
            pairs = [(s, t) for s in raw.sources for t in raw.targets]
            # "Tehran would not negotiate with Washington": a refusal is the subject's alone ("did not hold talks
            # with Moon" is still both sides')
            refused = raw.polarity == Polarity.NEGATED and raw.modality != Modality.ACTUAL
            if raw.symmetric and not refused:
                pairs += [(t, s) for s, t in pairs]
        elif raw.symmetric:
            pairs = [(a, b) for a in raw.sources for b in raw.sources if a is not b]
        cameo = raw.cameo
        if cameo in self.patterns.venue_codes:
            venue = self._venue_country(raw.verb, mentions)
            parties = {a.country for pair in pairs for a in pair}
            if venue is not None and venue not in parties:
                cameo = self.patterns.venue_codes[cameo]
                raw = _Raw(raw.verb, cameo, raw.rule_id, raw.sources, raw.targets, raw.symmetric, raw.polarity,
                           raw.modality, raw.confidence, raw.occurred)
        score = self.scorer.score(cameo)
        if score is None:
            return
        occurred = raw.occurred
        attributed = self._attribution(raw.verb, article)
        seen: set[tuple[str, str]] = set()
        for source, target in pairs:
            if not source.country or not target.country or source.country == target.country:
                continue
            if raw.symmetric and (source.country, target.country) in seen:
                continue  # "Albanese and Marape signed a treaty between Australia and Papua New Guinea": once
            seen.add((source.country, target.country))
            yield self._event(raw, source, target, score, occurred, attributed, article, index, sent, text)

    def _event(self, raw: _Raw, source: Actor, target: Actor, score: CodeScore, occurred: EventDate,
               attributed: Actor | None, article: Article, index: int, sent: Span, doc_text: str) -> Event:
        trigger = (raw.verb.idx, raw.verb.idx + len(raw.verb.text))
        event_id = stable_hash([article.article_id, str(index), str(trigger[0]), source.country or "",
                                source.sector or "", target.country or "", target.sector or "", raw.cameo])
        text = doc_text[sent.start_char:sent.end_char].rstrip()  # Span.text makes a Token per word, per call
        evidence = Evidence(article.article_id, index, (sent.start_char, sent.start_char + len(text)), trigger, text)
        return Event(event_id=event_id, source=source, target=target, cameo=raw.cameo, root=raw.cameo[:2],
                     plover=self.scorer.plover(score, raw.modality == Modality.INTENDED),
                     goldstein=score.goldstein, quad_class=score.quad_class,
                     polarity=raw.polarity, modality=raw.modality, attributed_to=attributed, occurred=occurred,
                     reported=article.published, evidence=evidence, rule_id=raw.rule_id,
                     confidence=raw.confidence, versions=self.versions)

    def _venue_country(self, verb: Token, mentions: DocActors) -> str | None:
        """The country where the act took place, from "in/at X" on the verb or its object ("talks in Istanbul")."""
        holders = [verb, *(c for c in children(verb) if c.dep_ in {"dobj", "attr"})]
        if verb.pos_ in {"NOUN", "PROPN"}:  # "the Hanoi summit": a place naming a meeting is where it was held
            for child in children(verb):
                mention = self._mentions_of(child, mentions) if child.dep_ == "compound" else None
                if mention is not None and mentions.by_token[child.i].ref().kind in {"capital", "place"}:
                    return mention
        for holder in holders:
            for prep in children(holder):
                if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "on"}:
                    for place in children(prep):
                        if place.dep_ != "pobj":
                            continue
                        for token in [place, *children(place)]:
                            mention = self._mentions_of(token, mentions)
                            if mention is not None:
                                return mention
        return None

    @staticmethod
    def _mentions_of(token: Token, mentions: DocActors) -> str | None:
        mention = mentions.by_token.get(token.i)
        if mention is None:
            return None
        ref = mention.ref()
        return ref.code if ref.kind in {"country", "capital", "place"} else None

    def _attribution(self, verb: Token, article: Article) -> Actor | None:
        node = verb
        while node.dep_ in {"xcomp", "conj"} and node.head.i != node.i:
            node = node.head
        said = node.head.lemma_.lower()
        warned = self.patterns.complements.get(said)
        # "X said Y did Z", and "X warned that Y could do Z" (what another is said to be about to do)
        if node.dep_ == "ccomp" and (said in self.patterns.words.speech_verbs or (warned and warned.own_act)):
            for child in children(node.head):
                if child.dep_ in _SUBJECT_DEPS:
                    return Actor(_phrase(child), None, None, None, None)
        for child in children(node):
            if child.dep_ == "prep" and child.lower_ == "according":
                for grand in child.subtree:
                    if grand.dep_ == "pobj":
                        return Actor(_phrase(grand), None, None, None, None)
        return None


# -- parse helpers -----------------------------------------------------------------------------------------------
def _is_passive(verb: Token) -> bool:
    """Passive voice, including a participle that modifies its patient ("detainees freed by North Korea")."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in children(verb)):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _stance_object(verb: Token, preps: set[str] | None) -> Token | None:
    """The object of a participle that names a stance ("is opposed TO French mediation"), when it has no agent."""
    if not preps or any(c.dep_ == "agent" for c in children(verb)):
        return None
    return next((g for c in children(verb) if c.dep_ == "prep" and c.lower_ in preps
                 for g in children(c) if g.dep_ == "pobj"), None)


def _object(verb: Token, passive: bool) -> Token | None:
    wanted = {"nsubjpass"} if passive else {"dobj", "obj"}
    if passive and any(c.dep_ == "dobj" for c in children(verb)):
        wanted = {"dobj"}  # "Morales was granted asylum by Mexico": the thing given; the subject is its recipient
    for child in children(verb):
        if child.dep_ in wanted:
            if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                return verb.head  # "the curbs that Japan imposed": the noun the clause is on
            return child
    if not passive and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and any(
            c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP"} for c in children(verb)) and not any(
            c.dep_ in {"dobj", "prt", "ccomp", "xcomp"} for c in children(verb)):
        return verb.head  # "the tariffs the United States imposed": a relative clause with no pronoun
    if passive and verb.dep_ == "acl":
        return verb.head  # "systems supplied by the United States": the systems are what was supplied
    if passive and verb.dep_ == "conj":
        # "Kim Dae-jung arrived in Pyongyang and was greeted by Kim Jong Il": the shared subject is the patient
        return next((c for c in children(verb.head) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if not passive and _misread_clause(verb):
        return verb.head
    if not passive:
        for child in children(verb):  # "agreed on a deal", "held talks"
            if child.dep_ == "attr":
                return child
        if not any(c.dep_ in {"prep", "prt"} and c.lower_ != "up" and not children(c) for c in children(verb)):
            return _shared_object(verb)  # (a stranded "fired on" takes it as its preposition's object instead)
    return None


def _shared_object(verb: Token) -> Token | None:
    """The object a verb shares with the verb coordinated after it: "arrested and deported two Britons", "fired on
    and seized three vessels" (the second verb has no subject of its own)."""
    for conj in children(verb):
        if conj.dep_ == "conj" and conj.i > verb.i and conj.pos_ == "VERB" and not any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in children(conj)):
            return next((c for c in children(conj) if c.dep_ == "dobj"), None)
    return None


def _answered(sources: list[Actor], context: Sequence[_Raw], named: Token | None = None,
              told: Sequence[_Raw] = ()) -> list[Actor]:
    """The target of an act that names none, from the acts before it: a reaction answers the last act by someone
    else ("North Korea fired a missile ..., and Tokyo protested"), a follow-up by the same side continues toward
    that act's target ("Japan imposed curbs on Seoul and warned of more"). When the reaction names the act ("Iran
    praised **the attack**"), the act told with that word answers first (Hamas's attack, not Israel's strikes
    told after it)."""
    own = {s.country for s in sources}
    if named is not None:  # ``told``: the article's material acts so far
        word = named.lemma_.lower()
        same = [r for r in [*told, *context] if r.verb.lemma_.lower() == word
                or any(c.dep_ in {"dobj", "attr"} and c.lemma_.lower() == word for c in children(r.verb))]
        context = [*context, *same]  # the act named is tried first (the list is read from its end)
    for raw in reversed(context):
        actors = raw.sources if not own & {s.country for s in raw.sources} else raw.targets
        found = [a for a in actors if a.country and a.country not in own]
        if found:
            return found
    return []


def _with_party(verb: Token, actors: ActorIndex, mentions: DocActors, day: date | None, salience: Salience
                ) -> list[Actor]:
    """The other party of a joint act named on its verb: "Abe agreed with Trump in a phone call"."""
    partner = _prep_object(verb, {"with"})
    return actors.resolve(partner, mentions, day, salience) if partner is not None else []


def _recoded(recode: dict[str, str], code: str, default: str) -> str:
    """The recoding of ``code``: by the full code when listed ("072" -> "0332"), else by its root ("07" -> "033")."""
    return recode.get(code) or recode.get(code[:2]) or default


def _same_statement(a: _Raw, b: _Raw) -> bool:
    """One speech act governing two coordinated acts of the same root toward the same targets ("agreed to hold
    exercises and consult one another" is one agreement)."""
    return a.verb.i == b.verb.i and a.cameo[:2] == b.cameo[:2] and set(a.targets) == set(b.targets)


def _same_act(a: _Raw, b: _Raw) -> bool:
    """Two readings of one act in a sentence ("shook hands ... in the first meeting between them")."""
    if a.cameo != b.cameo:
        return False
    countries = {x.country for x in (*a.sources, *a.targets)}
    return countries <= {x.country for x in (*b.sources, *b.targets)}


def _venue(token: Token) -> bool:
    """A place named as where something happens ("in Pretoria", "at Camp David")."""
    head = token
    while head.dep_ in {"compound", "conj", "appos"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in {"in", "at", "near", "outside", "from"}


def _reduced_relative(verb: Token, words: Words) -> tuple[Token, Token] | None:
    """The subject and noun of a relative clause with no relative pronoun on a noun that sums up the act told
    before it, set off by a comma: "..., a charge Ukraine denied", "..., a build-up Caracas has denounced". The
    parser often misreads these (the noun as subject, the name as its apposition), so they are read from the
    words: the name right before the verb (its auxiliaries aside), after the noun and its determiner."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ == "AUX":
        i -= 1
    j = i
    while j >= 0 and doc[j].pos_ == "PROPN":
        j -= 1
    if j == i or j < 2:
        return None
    noun = doc[j]
    word = noun.lemma_.lower()
    if doc[j - 1].text == "-" and j >= 3:  # "build-up"
        word, j = f"{doc[j - 2].lower_}-{noun.lower_}", j - 2
    if word not in words.act_nouns:
        return None
    k = j - 1
    while k >= 1 and doc[k].pos_ == "ADJ":  # "a rare move", "an unprecedented step"
        k -= 1
    if doc[k].lower_ not in {"a", "an", "the", "another"} or doc[k - 1].text != ",":
        return None
    return doc[i], noun


def _by_agents(noun: Token) -> list[Token]:
    """Whom a noun is by: "a strike by X", "a missile fired by X" (a participle's agent)."""
    found = [g for c in children(noun) if c.dep_ == "prep" and c.lower_ == "by"
             for g in children(c) if g.dep_ == "pobj"]
    found += [g for c in children(noun) if c.dep_ == "acl" and c.tag_ == "VBN"
              for a in children(c) if a.dep_ == "agent" for g in children(a) if g.dep_ == "pobj"]
    return found


_NO_CLAUSE_DEPS = frozenset({"punct", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "cc", "mark", "det"})


def _ruling(verb: Token, words: Words) -> bool:
    """A court's ruling that something is so ("ruled that Iran was behind the bombing"), not a ruler's rule
    ("Taliban ruled Afghanistan ...")."""
    return verb.lemma_.lower() in words.ruling_verbs and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in words.court_words for c in children(verb))


def _told_before(verb: Token) -> bool:
    """The verb heads an after/since/because clause: what went before another act, told as fact."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"after", "since", "because"}
                                        for c in children(verb))


def _inside_span(token: Token, heads: list[Token]) -> bool:
    return any(h.left_edge.i <= token.i <= h.right_edge.i for h in heads)


def _prep_object(verb: Token, preps: set[str]) -> Token | None:
    for child in children(verb):
        if child.dep_ in {"prep", "prt"} and child.lower_ in preps:
            for grand in children(child):
                if grand.dep_ == "pobj":
                    return grand
        if child.dep_ == "prt" and child.lower_ in preps:  # "called on Japan": on as particle, Japan as dobj
            return _object(verb, False)
    return None


def _match(verb: Token, obj: Token | None, candidates: list[PatternEntry], words: Words, negated: bool = False,
           place: bool = False) -> PatternEntry | None:
    """The first pattern the verb and its object meet. ``place``: the object names a place, a capital or a country
    (the "@place" object: "captured Raqqa" takes a town, not a person)."""
    kids = children(verb)
    particles = {c.lower_ for c in kids if c.dep_ == "prt"}
    lemma = verb.lemma_.lower()
    # "give up its weapons" is not "give weapons", "backing away from" is not "backing"
    bare_blocked = any((lemma, c.lower_) in words.meaning_particles
                       for c in kids if c.dep_ in {"prt", "advmod", "prep"})
    obj_lemmas = set()
    if obj is not None:
        obj_lemmas = {obj.lemma_.lower(), obj.lower_, *(c.lemma_.lower() for c in obj.conjuncts)}
        if obj.pos_ == "NUM" or obj.lemma_.lower() in words.quantities or obj.lemma_.lower() in words.movement_nouns:
            # "handed over two of its nationals", "dozens of prisoners": what is counted is the object; "allow the
            # return of UN inspectors": what moves
            obj_lemmas |= {g.lemma_.lower() for c in children(obj) if c.dep_ == "prep" and c.lower_ == "of"
                           for g in children(c) if g.dep_ == "pobj"}
    subtree: set[str] | None = None
    for pattern in candidates:
        if pattern.refusal and not negated:
            continue
        if pattern.particle and pattern.particle not in particles:
            continue
        if not pattern.particle and bare_blocked:
            continue
        if pattern.excludes and obj is not None and any(
                c.lemma_.lower() in pattern.excludes for c in children(obj) if c.dep_ in {"compound", "amod"}):
            continue  # "escalating the trade war" is no military escalation
        if pattern.objects and not (not obj_lemmas.isdisjoint(pattern.objects) or (
                "@name" in pattern.objects and obj is not None and obj.pos_ == "PROPN") or (
                "@place" in pattern.objects and place)):
            continue  # "@name": any proper name as the object ("released Otto Warmbier"); "@place": a named place
        if pattern.requires:
            if subtree is None:
                scope = _requires_scope(verb)
                subtree = {t.lemma_.lower() for t in scope} | {t.lower_ for t in scope} | _hyphen_joined(scope)
            if subtree.isdisjoint(pattern.requires):
                continue
        return pattern
    return None


def _affiliation(token: Token, words: Words) -> bool:
    """A name that only ties a noun to a group ("Al Qaeda-linked", "IS-inspired"), itself or as part of a name."""
    node = token.head if token.dep_ == "compound" else token
    return ties_only(node.head, words)


def _hyphen_joined(words: list[Token]) -> set[str]:
    """Words written with a hyphen, joined ("peace-keeping" -> "peacekeeping"), for the first parts in ``words``."""
    joined: set[str] = set()
    for token in words:
        if token.whitespace_:
            continue  # most words: nothing attached
        tokens = token.doc.tokens
        if token.i + 2 < len(tokens) and tokens[token.i + 1].text == "-" and not tokens[token.i + 1].whitespace_:
            joined.add(token.lower_ + tokens[token.i + 2].lower_)
    return joined


def _own_clause(token: Token) -> bool:
    """Another act: an adverbial clause with a subject of its own ("... before Japan releases treated water") or
    a coordinated verb ("called the downing a stab in the back **and warned** of consequences for relations")."""
    dep = token.dep_
    if dep == "conj":
        return token.pos_ == "VERB"
    return dep == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)


_CIRCUMSTANCE_PREPS = frozenset({"during", "after", "before", "amid", "following", "despite", "until", "since"})


def _governed_clauses(verb: Token, entry: ComplementEntry) -> Iterator[Token]:
    """The clauses whose act a complement verb governs: its complements ("threatened to fire"), and the
    infinitives on an object noun the entry names ("examining a plan to fire")."""
    for child in children(verb):
        if child.dep_ in {"xcomp", "ccomp"}:
            yield child
        elif child.dep_ == "dobj" and child.lemma_.lower() in entry.nouns:
            yield from (c for c in children(child) if c.dep_ == "acl" and any(
                g.tag_ == "TO" for g in children(c)))


def _requires_scope(verb: Token) -> list[Token]:
    """The words a pattern's `requires` may be met by: the verb's subtree without clauses that modify its nouns
    ("after talks mediated by the AU" does not make "agreed" a mediation), without phrases of time or circumstance
    ("during a visit to Hanoi, Blinken pledged support" is no promise to visit) and without the first part of a
    hyphenated modifier ("free-trade pact" says nothing of freeing anyone)."""
    words = [verb]
    for token in words:  # breadth first: the list grows as it is read
        for child in token.children:
            dep = child.dep_
            if not ((dep in {"acl", "relcl"} and token is not verb) or _own_clause(child)
                    or (dep == "prep" and child.lower_ in _CIRCUMSTANCE_PREPS)):
                words.append(child)
    tokens = verb.doc.tokens
    last = len(tokens) - 1
    return [t for t in words if t.whitespace_ or t.i >= last or t.pos_ not in {"ADJ", "VERB", "ADV"}
            or tokens[t.i + 1].text != "-"]


def _subject_tokens(verb: Token, passive: bool, words: Words) -> list[Token]:
    if passive:
        agents = [g for c in children(verb) if c.dep_ == "agent" for g in children(c) if g.dep_ == "pobj"]
        if not agents:  # "removed from the list of partners by Japan": the parser may hang "by" on a noun
            agents = [g for c in _clause_tokens(verb) if c.dep_ == "agent" or (c.lower_ == "by" and c.dep_ == "prep")
                      for g in children(c) if g.dep_ == "pobj"]
        if agents:
            return agents[:1]
    else:
        # a passive subject of an active reading: a stance ("Israel is opposed to ...")
        subjects = [c for c in children(verb) if c.dep_ in _SUBJECT_DEPS or c.dep_ == "nsubjpass"]
        if subjects:
            return subjects
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in words.object_control_verbs | words.wish_verbs:
            addressee = _object(head, False) or _prep_object(head, {"on", "upon"})
            if addressee is not None or head.lemma_.lower() not in words.wish_verbs:
                return [addressee] if addressee is not None else []
        return _subject_tokens(head, any(c.dep_ == "nsubjpass" for c in children(head)), words)
    if verb.dep_ == "advcl" and head.lemma_.lower() in words.decision_verbs and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in children(verb)):
        # "the Security Council voted unanimously on Friday to impose sanctions", misread as a purpose clause
        return _subject_tokens(head, any(c.dep_ == "nsubjpass" for c in children(head)), words)
    if verb.dep_ == "acomp":  # "Syria is willing to withdraw": the subject of "is"
        return _subject_tokens(head, any(c.dep_ == "nsubjpass" for c in children(head)), words)
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head  # "retaliated by expelling", "after cutting ties": the gerund's subject is the clause's
        if head.pos_ in {"VERB", "AUX"}:
            return _subject_tokens(head, any(c.dep_ == "nsubjpass" for c in children(head)), words)
        return []
    if (verb.dep_ == "conj" and head.dep_ == "ROOT" and head.i + 1 < len(head.doc)
            and _misread_clause(head.doc[head.i + 1])):
        return [head]  # "Trump imposed sanctions ... and threatened ...", with "Trump" misread as the root
    if verb.dep_ in {"conj", "advcl"} and (stranded := _stranded_subject(verb, words)) is not None:
        return [stranded]
    if verb.dep_ == "conj" or (verb.dep_ in {"advcl", "ccomp", "pcomp"} and verb.tag_ == "VBG"):
        return _subject_tokens(head, any(c.dep_ == "nsubjpass" for c in children(head)), words)
    if (verb.dep_ == "acl" and not passive and head.lemma_.lower() in words.document_nouns
            and head.dep_ in {"dobj", "pobj"} and head.head.pos_ in {"VERB", "ADP"}):
        # "issued a statement congratulating Yoon", "sent a letter to Putin expressing regret": the author speaks
        carrier = head.head if head.dep_ == "dobj" else head.head.head
        if carrier.pos_ in {"VERB", "AUX"}:
            return _subject_tokens(carrier, any(c.dep_ == "nsubjpass" for c in children(carrier)), words)
    if (verb.dep_ == "acl" and head.lemma_.lower() in words.unrealised_nouns and head.dep_ == "dobj"
            and head.head.pos_ in {"VERB", "AUX"} and any(c.tag_ == "TO" for c in children(verb))):
        # "was examining a plan to fire missiles": whoever holds the plan would act
        carrier = head.head
        return _subject_tokens(carrier, any(c.dep_ == "nsubjpass" for c in children(carrier)), words)
    if verb.dep_ in {"relcl", "acl"} and not passive:
        return [head]
    if _misread_clause(verb):  # "Trump imposed sanctions" parsed as [Trump]ROOT [imposed]amod sanctions
        return [verb.doc[verb.i - 1]]
    return []




_VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13", "14"})


_TALK_ROOTS = frozenset({"01", "02", "03", "04", "05"})
_BACKGROUND_PREPS = frozenset({"after", "before", "since", "following", "amid", "despite", "ahead"})


_CHANNEL_PREPS = frozenset({"through", "via"})


def _under_prep(token: Token, verb: Token, preps: frozenset[str]) -> bool:
    """``token``, inside ``verb``'s clause, sits in a phrase one of ``preps`` opens: a time or circumstance
    ("after the Hamas attack") or a channel ("lodged a protest through its embassy in Beijing")."""
    node = token
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in preps:
            return True
        node = node.head
    return False


# Acts toward the victims of a harm they name: statements, apologies, aid, release (not blame or punishment)
_CARING_ROOTS = frozenset({"01", "02", "03", "05", "07", "08"})
_FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})  # deeds done to someone by force
_JOINT_ROOTS = frozenset({"03", "05", "06"})  # not 04: two mediators or visitors do not meet each other
_REACTION_ROOTS = frozenset({"11", "12", "13", "14"})  # acts that answer another's: their cause names whom


def _organisation_as_means(token: Token, mentions: DocActors, words: Words) -> bool:
    """An organisation named as the forum or channel of an act, not its party: a modifier ("its WTO complaint")
    or the object of "through/via/at/in/under" ("through the World Food Programme", "a case at the ICJ")."""
    mention = mentions.by_token[token.i]
    if not mention.ref().code.startswith("IGO:"):
        return False
    # the name's head word carries its role: "the World Food Programme", "the International Court of Justice"
    head = token.doc[mention.start:mention.end].root
    while head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i != head.i:
        head = head.head
    if head.dep_ in {"compound", "nmod", "amod"}:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "with":
        # "filed a complaint with the WTO": the forum of a complaint
        return head.head.head.lemma_.lower() in words.complaint_nouns
    return head.dep_ == "pobj" and head.head.lower_ in {"through", "via", "at", "in", "under", "before"}


_ACCUSED_CHAIN = frozenset({"xcomp", "advcl", "conj", "ccomp", "dobj", "pobj", "prep", "pcomp"})


def _inside_accusation(verb: Token, words: Words) -> bool:
    """A verb inside the act an accusation names ("accused Washington of using its military might to suppress other
    countries": the suppressing)."""
    node = verb
    for _ in range(4):
        if node.dep_ not in _ACCUSED_CHAIN or node.head.i == node.i:
            return False
        node = node.head
        if _accused_of(node, words):
            return True
    return False


def _accused_of(verb: Token, words: Words) -> bool:
    """The act an accusation names ("accused Qatar of supporting terrorism", "blamed Iran for attacking")."""
    return (verb.dep_ == "pcomp" and verb.head.lower_ in {"of", "for"}
            and verb.head.head.lemma_.lower() in words.accusing_verbs)


_ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "SPY"})


def _mass(victim: Token, words: Words) -> bool:
    """Victims counted in hundreds or more: "hundreds of civilians", "large numbers of civilians", "800 people"
    (a figure of 500 or more; "148 people" killed in one attack is an assault's toll)."""
    if victim.lemma_.lower() in words.mass_counts:
        return True
    for child in children(victim):
        if child.dep_ == "nummod" and ((child.lower_ in words.mass_counts and child.lower_.endswith("s")) or (
                child.text.replace(",", "").isdigit() and int(child.text.replace(",", "")) >= 500)):
            return True
        if child.dep_ == "amod" and child.lower_ in words.mass_sizes and victim.lemma_.lower() == "number":
            return True
    return False


_LOCATIVE_PREPS = frozenset({"on", "near", "along", "at", "across", "by", "to", "from", "toward", "towards"})


def _border_place(token: Token, words: Words) -> bool:
    """A country named only as one side of a border that locates something ("camps near the Thai border",
    "a stronghold on the Thai border"): a place, not a party."""
    head = token.head
    return (token.dep_ in {"amod", "compound", "poss"} and head.lemma_.lower() in words.border_nouns
            and head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS)


def _reciprocal(obj: Token) -> bool:
    """"blamed each other", "accused one another", "each side blamed the other", "expelled each other's
    diplomats": the act goes both ways."""
    if obj.lower_ in {"other", "another"} and any(c.lower_ in {"each", "one", "the"} for c in children(obj)):
        return True
    return any(c.dep_ == "poss" and c.lower_ in {"other", "another"} and _reciprocal(c) for c in children(obj))


def _ranked(noun: Token) -> bool:
    """A noun ranked by an ordinal or superlative ("the first US leader", "the most senior official"): an
    infinitive on it describes the act the clause has told ("... to visit Taiwan in 25 years")."""
    for child in children(noun):
        if child.dep_ in {"amod", "det"} and (child.lower_ in {"first", "last", "only"} or child.tag_ == "JJS"
                                              or any(c.lower_ == "most" for c in children(child))):
            return True
    return False


def _restates(raw: _Raw, results: list[_Raw], words: Words) -> bool:
    """A participle that spells out the act of its clause ("fired missiles at Ukrainian cities, hitting power
    plants", "boarded the boats, injuring a sailor and seizing rifles"): the same root between the same sides
    as its head verb's act is one act, told twice."""
    if any(other.verb.dep_ == "acl" and other.verb.head.head.i == raw.verb.i and other.verb.head.dep_ == "dobj"
           and (raw.cameo == "010" or (other.verb.head.lemma_.lower() in words.document_nouns
                                        and raw.confidence < 0.9))  # (a signing names no party of its own)
           and _countries(other.sources) == _countries(raw.sources) for other in results):
        # "issued a statement congratulating Yoon": the statement is told by what it says; "signed treaties
        # annexing four Ukrainian regions": the signing is the annexation
        return True
    first = raw.verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    ranked = first.dep_ in {"acl", "relcl"} and _ranked(first.head)
    if first.dep_ in {"advcl", "xcomp"} and raw.cameo[:2] != "04" and any(c.tag_ == "TO" for c in children(first)):
        # "summoned the ambassador to protest", "sent troops to fight": the purpose of the act told
        return any(other.verb.i == first.head.i and _countries(other.sources) == _countries(raw.sources)
                   for other in results)
    if not ranked and (first.dep_ != "advcl" or first.tag_ != "VBG"):
        return False
    verbal = raw.cameo[:2] in _VERBAL_ROOTS  # "summoned the ambassador, calling the ruling unthinkable": two acts
    return any(other is not raw and (ranked or other.verb.i == first.head.i)
               and (other.cameo == raw.cameo if verbal else other.cameo[:2] == raw.cameo[:2])
               and _pairs(raw) <= _pairs(other)
               for other in results if other.verb.i != raw.verb.i)


def _countries(actors: tuple[Actor, ...]) -> set[str | None]:
    return {a.country for a in actors}


def _pairs(raw: _Raw) -> set[tuple[str | None, str | None]]:
    """The (source, target) country pairs an act stands for: a joint act of several sides ("Thai and Cambodian
    troops exchanged fire") is one between each two of them."""
    if not raw.targets and raw.symmetric:
        return {(a.country, b.country) for a in raw.sources for b in raw.sources if a.country != b.country}
    pairs = {(a.country, b.country) for a in raw.sources for b in raw.targets if a.country != b.country}
    return pairs | {(b, a) for a, b in pairs} if raw.symmetric else pairs


def _stranded_subject(verb: Token, words: Words) -> Token | None:
    """The subject of a coordinated clause that the parser hung on the clause before: "... on Friday and Beijing
    immediately retaliated", where "Beijing" became a conjunct of "Friday". It is the name right after "and"/
    "but" and right before the verb (adverbs and auxiliaries between)."""
    doc = verb.doc
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} and not any(c.tag_ == "MD" for c in children(verb)):
        return None  # "... to mediate", "..., saying": no clause of its own
    j = verb.i - 1
    while j > verb.sent.start and doc[j].pos_ in {"ADV", "AUX", "PART"}:
        j -= 1
    noun = doc[j]
    if noun.pos_ not in {"PROPN", "NOUN"} or noun.dep_ != "conj" or noun.head.i > noun.i:
        return None
    if not (noun.head.like_num or noun.head.lower_ in words.time_words):
        return None  # "visit Mauritania and Senegal to ...": a real conjunct
    before = noun.left_edge.i - 1
    return noun if before >= verb.sent.start and doc[before].lower_ in {"and", "but"} else None


def _alleged(speech: Token, clause: Token, words: Words) -> Token | None:
    """The subject of what an allegation says ("the report alleged that France was aware of ...", "the US claimed
    that ISIL had attacked Iraq"): an allegation accuses its subject (112); what it alleges is not asserted by the
    writer. A pronoun subject is the speaker's own claim ("claimed it had shot down a drone"), not an allegation."""
    if speech.lemma_.lower() not in words.allegation_verbs or clause.dep_ != "ccomp":
        return None
    subject = next((c for c in children(clause) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject if subject is not None and subject.pos_ in {"NOUN", "PROPN"} else None


def _blamed_clause(clause: Token, words: Words) -> Token | None:
    """The subject of a reported "Y was responsible for / behind / in breach of ..." (also under "it was likely
    that ..."), else None."""
    predicates = words.blaming_predicates
    for node in clause.subtree:
        if node.lemma_ != "be" or node.dep_ not in {"ccomp", "advcl"}:
            continue
        blames = any((c.dep_ == "acomp" and c.lower_ in predicates) or (c.dep_ == "prep" and (
            c.lower_ in predicates or any(f"{c.lower_} {g.lemma_.lower()}" in predicates
                                          for g in children(c) if g.dep_ == "pobj"))) for c in children(node))
        if blames:
            subject = next((c for c in children(node) if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in {"it", "this", "that"}:
                return subject
    return None


def _misread_clause(verb: Token) -> bool:
    """A past-tense verb the parser took for an adjective right after the sentence's root name."""
    if verb.dep_ != "amod" or verb.tag_ not in {"VBD", "VBN"} or verb.i == 0 or verb.head.i <= verb.i:
        return False
    before = verb.doc[verb.i - 1]
    return before.dep_ == "ROOT" and before.pos_ in {"PROPN", "ADJ", "NOUN"} and before.i == verb.sent.start


def _clause_tokens(verb: Token) -> Iterator[Token]:
    """The verb's subtree without nested clauses."""
    stack = list(children(verb))
    while stack:
        token = stack.pop()
        if token.dep_ in {"relcl", "ccomp", "advcl", "xcomp", "conj", "parataxis"} and token.pos_ in {"VERB", "AUX"}:
            continue
        yield token
        stack.extend(children(token))


def _slot_tokens(verb: Token, obj: Token | None, slot: str) -> list[Token]:
    if slot == "dobj":
        return [obj, *(c for c in children(obj) if c.dep_ == "appos")] if obj is not None else []
    if slot == "iobj":
        kids = children(verb)
        if any(c.dep_ == "dobj" for c in kids):  # "was granted asylum": the passive subject received it
            return [c for c in kids if c.dep_ in {"dative", "iobj", "nsubjpass"}]
        return [c for c in kids if c.dep_ in {"dative", "iobj"}]
    if slot == "poss":
        return [c for c in children(obj) if c.dep_ == "poss"] if obj is not None else []
    word = slot.split(":", 1)[1]
    holders = [verb]
    if obj is not None:
        holders += [obj, *(c for c in children(obj) if c.dep_ == "appos")]
    # one level down the verb's other prepositional phrases: "filed a complaint with the WTO against Japan"
    holders += [g for c in children(verb) if c.dep_ == "prep" and c.lower_ != word for g in children(c)
                if g.dep_ == "pobj"]
    found: list[Token] = []
    for holder in holders:
        for child in children(holder):
            if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == word:
                found.extend(g for g in children(child) if g.dep_ == "pobj")
    if not found and any(c.dep_ in {"prep", "prt"} and c.lower_ == word and not children(c) for c in children(verb)):
        shared = _shared_object(verb)  # "fired on and seized three vessels": what the stranded "on" points to
        found = [shared] if shared is not None else []
    return found


def _reported(verb: Token, words: Words) -> bool:
    """True when the verb's clause is what a speech verb reports ("said it would ...")."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ccomp" and node.head.lemma_.lower() in words.speech_verbs


def _states(sources: list[Actor], subjects: list[Token]) -> bool:
    """Every source is a state acting as one: its officials or institutions (GOV, MIL, LEG, JUD), or the country
    or its capital named as the subject ("Japan", "Tokyo"), not its people ("South Koreans", "Japanese")."""
    named = bool(subjects) and all(t.tag_ == "NNP" for t in subjects)
    return all(a.sector in _STATE_SECTORS or (a.sector is None and named and (a.resolved_by or "").startswith(
        "country:")) for a in sources)


def _directed(verb: Token) -> bool:
    """``verb`` is the act a directive verb orders ("told Seoul to withdraw", "ordered that troops be pulled
    out"), not speech it reports ("Germany will send tanks, Scholz told parliament"): an infinitive or a bare
    subjunctive, never a clause with its own tense or modal."""
    if verb.dep_ == "xcomp":
        return True
    if verb.dep_ != "ccomp":
        return False
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in children(verb)):
        return True
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD" for c in children(verb)):
        return False
    # "let experts inspect": a causative takes a bare infinitive, whatever tense the tagger guessed
    return verb.tag_ == "VB" or verb.head.lemma_.lower() in {"let", "make", "have"}


def _polarity(verb: Token) -> Polarity:
    if any(_negates(c) for c in children(verb)):
        return Polarity.NEGATED
    if verb.dep_ == "conj" and any(_negates(c) for c in children(verb.head)):
        return Polarity.NEGATED  # "would neither accept nor recognise"
    if any(c.dep_ in {"nsubj", "nsubjpass"} and any(d.dep_ == "det" and d.lower_ == "no" for d in children(c))
           for c in children(verb)):
        return Polarity.NEGATED  # "no US officials would attend"
    return Polarity.ASSERTED


def _negates(child: Token) -> bool:
    return child.dep_ == "neg" or (child.dep_ == "preconj" and child.lower_ == "neither")


def _phrase(token: Token) -> str:
    left = min(t.i for t in token.subtree)
    right = max(t.i for t in token.subtree)
    return token.doc[left:right + 1].text


def _doc_text(article: Article, doc: Doc) -> str:
    """The Doc's text. spaCy keeps the text it parsed exactly, so an article's own text is the Doc's when their ends
    agree; ``Doc.text`` would join every token again (a tenth of extraction time)."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text):
        return article.text
    return doc.text
