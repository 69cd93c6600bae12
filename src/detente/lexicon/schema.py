"""Schemas of the lexicon and scale entries (pydantic), one model per kind of entry."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

_STRICT = ConfigDict(extra="forbid", frozen=True)
TARGET_SLOT = re.compile(r"^(dobj|iobj|poss|prep:[a-z]+)$")
SECTOR_CODE = re.compile(r"^[A-Z]{3}$")
# Actors that are not states: intergovernmental organisations (IGO:UN), international non-governmental
# organisations (NGO:AI) and armed movements with no home state (IMG:AQ, CAMEO's "international militarised group").
ORGANISATION_CODE = r"(IGO|NGO|IMG):[A-Z0-9]+"
# What an actor's ``country`` may hold: an ISO alpha-3 code or an organisation code.
ACTOR_CODE = rf"^([A-Z]{{3}}|{ORGANISATION_CODE})$"


def _lowered(value: list[str]) -> list[str]:
    return [v.strip().lower() for v in value]


# Words a rule compares with lower-cased lemmas and token texts: stored stripped and lower-cased.
LowerWords = Annotated[list[str], AfterValidator(_lowered)]
LowerWord = Annotated[str, AfterValidator(lambda value: value.strip().lower())]
EntryId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$")]


class CountryEntry(BaseModel):
    model_config = _STRICT
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    official: str | None = None
    aliases: list[str] = []
    adjectives: list[str] = []
    capitals: list[str] = []
    seats: list[str] = []
    ambiguous: list[str] = []


class CountryGroupEntry(BaseModel):
    """Countries a text names together or by halves: "the two Koreas" and "inter-Korean" are both Koreas; in an
    article naming either, "the North" is North Korea and "the South" South Korea."""

    model_config = _STRICT
    id: str
    members: list[str] = Field(min_length=2)
    plurals: LowerWords = []  # "Koreas": all members
    inter: LowerWords = []  # adjectives after "inter-": all members ("inter-Korean")
    halves: dict[str, str] = {}  # "North" -> PRK, after "the", when the article names a member


class OrganisationEntry(BaseModel):
    model_config = _STRICT
    code: str = Field(pattern=rf"^{ORGANISATION_CODE}$")
    name: str
    aliases: list[str] = []
    adjectives: list[str] = []
    seats: list[str] = []
    parent: str | None = None
    # the sector the body acts as when named alone: REB for an armed movement ("al-Qaeda claimed the attack");
    # None for IGOs and NGOs, which act as themselves
    sector: str | None = Field(None, pattern=r"^[A-Z]{3}$")


class SectorEntry(BaseModel):
    model_config = _STRICT
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    nouns: list[str]


class InstitutionEntry(BaseModel):
    model_config = _STRICT
    text: list[str]
    country: str = Field(pattern=ACTOR_CODE)
    sector: str | None = Field(None, pattern=r"^[A-Z]{3}$")


class RoleEntry(BaseModel):
    model_config = _STRICT
    role: str
    title: str | None = None
    sector: str = Field("GOV", pattern=r"^[A-Z]{3}$")
    # whom the role acts for when not the person's own country: von der Leyen was Germany's defence minister,
    # then President of the European Commission (IGO:EC); out of office she is German again
    country: str | None = Field(None, pattern=ACTOR_CODE)
    valid_from: date | None = None
    valid_to: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> RoleEntry:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"valid_from {self.valid_from} is after valid_to {self.valid_to}")
        return self

    def holds_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class PersonEntry(BaseModel):
    model_config = _STRICT
    id: str
    name: str
    variants: list[str] = []
    country: str = Field(pattern=ACTOR_CODE)
    roles: list[RoleEntry] = []

    def role_on(self, day: date | None) -> RoleEntry | None:
        """The role held on ``day`` (None when out of office, or when the day is unknown)."""
        if day is None:
            return None
        for role in self.roles:
            if role.holds_on(day):
                return role
        return None

    def country_on(self, day: date | None) -> str:
        """Whom the person acts for on ``day``: the role's organisation or country, else their own country."""
        role = self.role_on(day)
        return role.country if role is not None and role.country else self.country

    def sector_on(self, day: date | None) -> str | None:
        """GOV/MIL... while in office; ELI (former office-holder) after a role has ended; None otherwise."""
        role = self.role_on(day)
        if role is not None:
            return role.sector
        if day is not None and any(r.valid_to is not None and r.valid_to < day for r in self.roles):
            return "ELI"
        return None


class PatternEntry(BaseModel):
    model_config = _STRICT
    id: EntryId
    cameo: str = Field(pattern=r"^\d{3,4}$")
    verbs: LowerWords = Field(min_length=1)
    particle: str | None = None
    objects: LowerWords = []
    subjects: LowerWords = []  # required lemma of the subject's head ("curbs took effect": the measure is the subject)
    requires: LowerWords = []
    excludes: LowerWords = []  # modifiers of the object that rule the pattern out ("trade war", "price war")
    target: list[str] = ["dobj"]
    symmetric: bool = False
    # the pattern names a refusal and fires only on the negated verb, which it absorbs: "would not recognise
    # the ruling" is a 127 rejection made now (asserted, actual), not a recognition that did not happen
    refusal: bool = False
    # the code when every source is a state, its capital or its officials: "Japan protested to China" is an
    # official complaint (114), where "thousands of Chinese protested" is a street protest (140)
    state_cameo: str | None = Field(default=None, pattern=r"^\d{3,4}$")
    # with no agent named, the state where it happened acts: "a Canadian missionary was arrested in Lebanon"
    # (prepositions whose object is that place)
    place_agent: LowerWords = []
    # with no agent named, the organisation the act concerns did it: "Mali was suspended from the African Union"
    # (prepositions whose object is that organisation)
    body_agent: LowerWords = []
    # a crowd no one names ("thousands", "protesters") acts for the place it acts in: "thousands marched in
    # Tbilisi against the invasion" are Georgian civilians
    crowd_place: bool = False
    # the pattern names an announced act only: it fires when the verb is future, conditional or governed by a
    # promise ("said it would respond", "will take countermeasures"), not on the act done ("Japan responded")
    announced: bool = False
    # the act is done to the source's own things ("dismantled its test site"): with an object that belongs to
    # another actor ("destroyed an Iraqi nuclear reactor") the pattern does not apply
    own_object: bool = False
    # harm codes by victim (see EventExtractor._harm_code): unarmed victims counted in hundreds or more (mass
    # killing, 202); unarmed victims of a non-state armed group (unconventional violence, 180); a named person (186)
    # the code when several countries do it together with no target named: "French and Egyptian warships launched
    # war games" is joint military cooperation (062), not two shows of force
    joint_cameo: str | None = Field(default=None, pattern=r"^\d{3,4}$")
    mass_cameo: str | None = Field(default=None, pattern=r"^\d{3,4}$")
    assault_cameo: str | None = Field(default=None, pattern=r"^\d{3,4}$")
    named_cameo: str | None = Field(default=None, pattern=r"^\d{3,4}$")
    examples: list[str] = []
    note: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    @field_validator("target")
    @classmethod
    def _slots(cls, value: list[str]) -> list[str]:
        bad = [slot for slot in value if not TARGET_SLOT.match(slot)]
        if bad:
            raise ValueError(f"unknown target slot(s) {bad}; use dobj, iobj, poss or prep:WORD")
        return value


class CameoRoot(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    root: str = Field(pattern=r"^\d{2}$")
    name: str
    quad_class: int = Field(ge=1, le=4)


class PloverRef(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    type: str | None = None
    mode: str | None = None


class CameoCode(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    code: str = Field(pattern=r"^\d{3,4}$")
    name: str
    goldstein: float = Field(ge=-10, le=10)
    plover: PloverRef = PloverRef()

    @property
    def root(self) -> str:
        return self.code[:2]


class Scale(BaseModel):
    """The CAMEO code table with Goldstein weights, QuadClass per root and the PLOVER crosswalk."""

    model_config = ConfigDict(extra="allow", frozen=True)
    version: str
    roots: list[CameoRoot]
    codes: list[CameoCode]
    # root -> the PLOVER type/mode of an act of that root announced for the future (modality intended):
    # "said it would impose restrictions" is a THREATEN in PLOVER, not yet a SANCTION
    plover_announced: dict[str, PloverRef] = {}

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        roots = {r.root for r in self.roots}
        missing = sorted({c.root for c in self.codes} - roots)
        if missing:
            raise ValueError(f"codes under unknown roots {missing}")
        return self


class ComplementEntry(BaseModel):
    """A verb whose clausal complement is an act that has not (yet) happened: threaten, pledge, urge..."""

    model_config = _STRICT
    id: str
    verbs: list[str] = Field(min_length=1)
    code: str | None = Field(None, pattern=r"^\d{3,4}$")  # None: keep the embedded act's code
    modality: str | None = Field(None, pattern=r"^(actual|intended|hypothetical|demanded)$")  # None: keep it
    polarity: str = Field("asserted", pattern=r"^(asserted|negated)$")  # negated: "failed to reach a deal"
    recode: dict[str, str] = {}
    # Roots whose embedded act is coded as itself, as a decision taken now ("the allies agreed to cut off
    # Russian banks" is the sanction, not an agreement among the allies).
    pass_through: list[str] = []
    # Roots whose embedded act is coded as itself with negated polarity ("refused to condemn" is 111, negated,
    # not a rejection: nobody asked)
    negates: list[str] = []
    # the complement keeps a symmetric act mutual even with one named subject ("Seoul agreed with Tokyo to ...");
    # otherwise only several subjects make it mutual ("offered to negotiate with Armenia" is one side's offer)
    mutual: bool = False
    # the complement commits its speaker: an embedded act by another party is that party's act, reported ("the
    # White House warned that Russia could invade Ukraine" is no US threat)
    own_act: bool = False
    # nouns that carry the act as an infinitive when they are the verb's object: "examining a plan to fire
    # missiles toward Guam" governs the firing as "threatened to fire" does
    nouns: LowerWords = []


class ModalEntry(BaseModel):
    model_config = _STRICT
    id: str
    words: list[str] = Field(min_length=1)
    modality: str = Field(pattern=r"^(intended|hypothetical|demanded)$")
    recode: dict[str, str] = {}  # root -> code for acts under this modal ("will visit" -> 036 intent to meet)


class DirectiveEntry(BaseModel):
    """Verbs that direct someone else to act ("ordered Nippon Steel to compensate"): the directed act has not
    happened, so it is not coded; the directive itself is coded only if a verb pattern codes it. With ``preps``,
    the directed act is a gerund after one of them ("warned Washington against selling arms", "barred the ship
    from entering")."""

    model_config = _STRICT
    id: str
    verbs: list[str] = Field(min_length=1)
    preps: list[str] = []
    # the order binds another state or organisation: it is coded as a demand on it ("the ICJ ordered Israel to
    # prevent acts of genocide"); an order to one's own (troops, ministries) is not coded
    demand: bool = False
    # codes or roots of ordered acts that are the orderer's own measure against the one ordered: "ordered China to
    # close its consulate" is a closure by the US (161), "ordered Russia to cut its embassy staff" an expulsion (174)
    takes_over: list[str] = []


class VerbAliasEntry(BaseModel):
    """Verbs that do the base verb's act again ("reimposed sanctions", "reopened the border"): every pattern of
    ``verb`` applies to them too, after any pattern of their own."""

    model_config = _STRICT
    id: str
    verb: LowerWord
    aliases: LowerWords = Field(min_length=1)


class WordListEntry(BaseModel):
    """A closed list of words a coder rule consults ("speech-verbs", "quantities", "collective-heads"). Pairs are
    written as two words ("give up")."""

    model_config = _STRICT
    id: EntryId
    words: LowerWords = Field(min_length=1)
    note: str | None = None


class StativeEntry(BaseModel):
    """Participles that name a state, not a passive, before a preposition: "Israel is opposed to French mediation"
    is Israel opposing the mediation. The preposition's object is the act's object, the subject its source."""

    model_config = _STRICT
    id: str
    verbs: LowerWords = Field(min_length=1)
    preps: LowerWords = Field(min_length=1)


class SpeechActEntry(BaseModel):
    """CAMEO roots that are themselves statements about a future act: an appeal or demand (02, 10) is
    ``demanded``, an intent or threat (03, 13) is ``intended`` whenever it is coded as having been made."""

    model_config = _STRICT
    id: str
    roots: list[str] = Field(min_length=1)
    modality: str = Field(pattern=r"^(intended|demanded)$")


class VenueEntry(BaseModel):
    """A code that changes when the act happens in a third country ("met in Singapore": 040 -> 044)."""

    model_config = _STRICT
    id: str
    codes: list[str] = Field(min_length=1)
    third_country: str = Field(pattern=r"^\d{3,4}$")


class ConverseEntry(BaseModel):
    """An act that also tells its converse between the same two sides, the other way round: a host (043) was
    visited (042) by its guest ("Trump hosted Orban at Mar-a-Lago")."""

    model_config = _STRICT
    id: str
    codes: list[str] = Field(min_length=1)
    converse: str = Field(pattern=r"^\d{3,4}$")


class InstrumentEntry(BaseModel):
    """A noun naming the means of a harm ("killed in an Israeli air strike", "an Israeli drone strike killed"):
    its owner is the agent when the harm verb has none, and it gives the act its sub-code."""

    model_config = _STRICT
    id: EntryId
    cameo: str = Field(pattern=r"^\d{3,4}$")
    nouns: LowerWords = Field(min_length=1)
    modifiers: LowerWords = []  # when set, one of these must modify the noun ("air strike", "tank shelling")
    verbs: LowerWords = Field(min_length=1)  # the harm verbs it is the means of
    examples: list[str] = []
    note: str | None = None


class NominalEntry(BaseModel):
    """An event named by a noun ("the Hanoi summit between Trump and Kim", "Kishida's visit to Seoul", "a visit
    to Pyongyang by Pompeo"), coded when no verb pattern already codes the noun as its object."""

    model_config = _STRICT
    id: EntryId
    cameo: str = Field(pattern=r"^\d{3,4}$")
    nouns: LowerWords = Field(min_length=1)
    target: LowerWords = ["with"]  # prepositions on the noun that name the other party
    symmetric: bool = False  # "talks between A and B", "US-China talks": both directions
    # when set, the noun counts only as a modifier of one of these ("phone call") or as the object of a
    # preposition ("by phone")
    compound_of: LowerWords = []
    # the noun says how its clause's act was done ("in a phone call", "in a clash"): not coded again when that
    # clause's verb already codes an act of the same root
    manner: bool = False
    examples: list[str] = []
    note: str | None = None


class DeverbalEntry(BaseModel):
    """A noun that names a verb's act ("the suspension of air links with Serbia" = suspending them). As the
    object of a carrier verb ("Italy announced a suspension of ...") the verb's patterns code it: the noun's "of"
    object is the act's object, the carrier's subject (or the noun's possessor) its source."""

    model_config = _STRICT
    id: EntryId
    verb: LowerWord
    nouns: LowerWords = Field(min_length=1)


class ReactionEntry(BaseModel):
    """A reaction named by a noun that a clause's act drew from others ("..., drawing criticism from Japanese
    lawmakers", "raising alarm in Canberra and Washington"): those named after one of ``preps`` react to the
    clause's subject. The noun must be the object of one of ``verbs``."""

    model_config = _STRICT
    id: EntryId
    cameo: str = Field(pattern=r"^\d{3,4}$")
    nouns: LowerWords = Field(min_length=1)
    verbs: LowerWords = Field(min_length=1)
    preps: LowerWords = Field(min_length=1)
    examples: list[str] = []


class CarrierEntry(BaseModel):
    """Verbs that carry out or make known the act their object names ("announced the suspension of",
    "completed the withdrawal of", "ordered the expulsion of"). Not: verbs that stop or put it off."""

    model_config = _STRICT
    id: EntryId
    verbs: LowerWords = Field(min_length=1)


class BrokerEntry(BaseModel):
    """Words that name a third party helping others agree ("a US-brokered deal", "a truce mediated by Qatar",
    "in the presence of Rubio", "with Turkey acting as host"): the helper is coded toward each party."""

    model_config = _STRICT
    id: str
    cameo: str = Field(pattern=r"^\d{3,4}$")
    verbs: LowerWords = []  # participles: X-brokered, brokered by X
    nouns: LowerWords = []  # "the presence/auspices/mediation of X"
    roles: LowerWords = []  # "X acting/serving as host/mediator"


class PlaceEntry(BaseModel):
    """A city, region or other place inside one country: where an act happens or what it targets."""

    model_config = _STRICT
    name: str
    country: str = Field(pattern=r"^[A-Z]{3}$")
    aliases: list[str] = []
