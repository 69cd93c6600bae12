"""CAMEO code -> Goldstein weight, QuadClass and PLOVER type/mode, from the versioned scale table."""

from __future__ import annotations

from dataclasses import dataclass

from detente.lexicon.schema import CameoCode, Scale
from detente.records import Plover


@dataclass(frozen=True, slots=True)
class CodeScore:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: Plover


class Scorer:
    """Looks up scores by code; an unknown 4-digit code falls back to its 3-digit parent, then its root."""

    def __init__(self, scale: Scale):
        self.version = scale.version
        quad = {r.root: r.quad_class for r in scale.roots}
        self._codes: dict[str, CodeScore] = {c.code: self._score(c, quad) for c in scale.codes}
        self.names = {c.code: c.name for c in scale.codes}
        self._announced = {root: Plover(type=p.type, mode=p.mode) for root, p in scale.plover_announced.items()}

    def plover(self, score: CodeScore, intended: bool) -> Plover:
        """The PLOVER type of a scored act; an announced future act of a conflict root may be typed apart."""
        return self._announced.get(score.root, score.plover) if intended else score.plover

    @staticmethod
    def _score(code: CameoCode, quad: dict[str, int]) -> CodeScore:
        plover = Plover(type=code.plover.type, mode=code.plover.mode)
        return CodeScore(code.code, code.root, code.name, code.goldstein, quad[code.root], plover)

    def __contains__(self, code: str) -> bool:
        return code in self._codes

    def score(self, code: str) -> CodeScore | None:
        for candidate in (code, code[:3], code[:2] + "0"):
            found = self._codes.get(candidate)
            if found is not None:
                return found if candidate == code else CodeScore(code, found.root, found.name, found.goldstein,
                                                                  found.quad_class, found.plover)
        return None
