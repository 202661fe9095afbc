"""What the measure does to the agreement (approve / reject / rescind / defer / other) and
whether it passed — read from the sentences that report the vote, the earliest first."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.articles.document import TOPIC, Document, main_clause
from policytrack.articles.sentences import Sentence
from policytrack.vocab import Action, Outcome

_OBJ = r"(?:the |its |their |a |an |that |this |any |all )?(?:[\w()’'-]+ ){0,4}?"
_AGREEMENT = (
    r"(?:agreements?|program|partnership|contract|participation|pact|cooperation|deal|"
    r"287\s*\(g\)|MOA|memorandum)"
)
# (pattern, action, strength): stronger, more specific readings outweigh bare verbs.
ACTION_PATTERNS: tuple[tuple[str, Action, int], ...] = (
    (
    r"\b(?:motion|vote|voted|decided) to hire\b|\bhire (?:the |a |"
    r"an )?(?:outside )?(?:law )?firm", Action.OTHER, 5),
    (
    r"\bto table\b|\btabled\b|\btabling\b|postpone\w* (?:\w+ ){0,3}indefinitely|"
    r"\bvote to postpone\b|\bvoted to (?:postpone|defer|delay)\b", Action.DEFER, 8),
    (
    r"\bnot (?:to )?renew|refused to (?:\w+ ){0,4}renew|opted (?:not to|to not) renew|"
    r"(?:allow|let)s? (?:\w+ ){0,5}(?:agreement|program|contract) (?:\w+ ){0,8}to expire",
    Action.REJECT,
    8,
    ),
    (r"\bmotion to kill\b|\bto kill (?:it|the)\b", Action.REJECT, 5),
    (
    r"\b(?:declined|refused|voted against|against|failed) (?:a move )?to (?:end|rescind|"
    r"void|terminate)|against (?:ending|rescinding|voiding|terminating)\b", Action.RESCIND, 5),
    (
    r"\b(?:void|voids|voided|voiding|terminat\w+|rescind\w*|abolish\w*|sever(?:s|ed|ing)?|"
    r"repeal\w*|revok\w*|undo|dismantl\w+)\b", Action.RESCIND, 3),
    (rf"\b(?:end|ends|ending|ended) {_OBJ}{_AGREEMENT}", Action.RESCIND, 3),
    (r"\b(?:not valid|invalid|illegal and void|is void)\b", Action.RESCIND, 3),
    (rf"\bblock(?:s|ed|ing)? {_OBJ}{_AGREEMENT}", Action.RESCIND, 3),
    (
        r"\bblock(?:s|ed|ing)? (?:an? |the )?(?:\w+ )?(?:effort|bid|plan|proposal|attempt|measure)",
        Action.REJECT,
        2,
    ),
    (rf"\b(?:ban|bans|banning|prohibit\w*)\b {_OBJ}{_AGREEMENT}|\bban on\b", Action.RESCIND, 3),
    (
    rf"\bbarring\b|\bbars?\b (?:\w+ ){0,4}from|\bresolution oppos\w+|"
    rf"\boppos\w+ (?:any )?(?:pursuit|partnership|cooperation|agreement)", Action.REJECT, 6),
    (
    r"\breject\w*|\bvot\w* down\b|\bstruck down\b|\bstrike down\b|\bdeclin\w+ to (?:enter|"
    r"join|sign|partner)", Action.REJECT, 2),
    (
    r"\bvoted against (?:the |an |a )?(?:ICE |287\(g\) )?(?:agreement|resolution|partnership|"
    r"program)", Action.REJECT, 1),
    (
    r"\bapprov\w*|\bratif\w*|\bauthoriz\w*|\benter(?:ed|s|ing)? (?:into|the)\b|\bto enter\b|"
    r"\brenew\w*|\bOKs?\b|\badopt\w*|\breinstat\w*|\bretain\w*|\bexpand\w*|\bjoin\w*|"
    r"\bpartner(?:s|ed|ing)? with\b|\bgreen light\b|\bgave approval\b|\baccept\w* changes\b|"
    r"\bin favor of collaboration\b|\bto cooperate\b|\bkeep\b", Action.APPROVE, 2),
    (
    r"\bpass(?:ed|es)? (?:a |an |the )?(?:resolution|ordinance|bill|measure|memorandum|"
    r"legislation)|\bunanimously passed\b|\bpass (?:an|the) agreement", Action.APPROVE, 1),
)  # fmt: skip
_COMPILED = tuple((re.compile(p, re.IGNORECASE), a, w) for p, a, w in ACTION_PATTERNS)
FAILED = re.compile(
    r"\bfail(?:ed|s)?\b|unable to pass|did not pass|deadlock\w*|\btie\b|tie-?break\w*|"
    r"deciding vote against|declined to (?:end|rescind|void|terminate)|against (?:ending|"
    r"rescinding|a move to)|"
    r"in support of rejection|split \d+-\d+|\bsplit (?:vote|decision)\b",
    re.IGNORECASE,
)
_WOULD_HAVE = re.compile(
    r"deciding vote against the (?:resolution|measure|motion)|in support of rejection",
    re.IGNORECASE,
)
_SENTENCES = 6


@dataclass(frozen=True)
class Decision:
    """The drafted action and outcome, each with the sentence it was read from."""

    action: Action | None
    action_sentence: Sentence | None
    outcome: Outcome | None
    outcome_sentence: Sentence | None


def read_decision(doc: Document) -> Decision:
    """Action and outcome of the vote the article reports."""
    sentences = doc.vote_sentences[:_SENTENCES]
    action, where = _action(sentences)
    if action is None:
        return Decision(None, None, None, None)
    outcome, out_where = _outcome(action, sentences)
    if action is Action.REJECT and _rejected_resolution_failed(doc):
        action, outcome = Action.APPROVE, Outcome.FAILED
    return Decision(action, where, outcome, out_where or where)


DECISIVE = 8  # a reading this specific (tabled, postponed indefinitely, not renewed) decides


def _action(sentences: list[Sentence]) -> tuple[Action | None, Sentence | None]:
    """Score each reading over the first vote sentences, earlier ones weighing more; a
    verb governed by 'voted … to' counts double, and a decisive reading wins outright."""
    score: dict[Action, float] = {}
    first: dict[Action, Sentence] = {}
    for rank, sentence in enumerate(sentences):
        for action, strength in _readings(main_clause(sentence.text)):
            if strength >= DECISIVE and rank < 4:
                return action, sentence
            score[action] = score.get(action, 0.0) + strength / (1 + rank)
            first.setdefault(action, sentence)
    if not score:
        # A vote on the agreement whose verb names no other reading: approval, the measure
        # such votes are on unless the text says otherwise.
        on_topic = [s for s in sentences if TOPIC.search(s.text)]
        return (Action.APPROVE, on_topic[0]) if on_topic else (None, None)
    best = max(score, key=lambda a: score[a])
    return best, first[best]


def _readings(clause: str) -> list[tuple[Action, float]]:
    """The readings a clause supports; 'approved bills that will prohibit agreements' is a
    prohibition — approving is only the procedure when the clause names what the measure does."""
    found: list[tuple[Action, float]] = []
    for pattern, action, strength in _COMPILED:
        m = pattern.search(clause)
        if m is None:
            continue
        governed = re.search(r"\bvot(?:ed|es|e|ing)\b[^.]{0,30}$", clause[: m.start()])
        found.append((action, strength * (2 if governed else 1)))
    content = [a for a, w in found if a is not Action.APPROVE and w >= 3]
    return [(a, w) for a, w in found if a is not Action.APPROVE or not content]


def _outcome(action: Action, sentences: list[Sentence]) -> tuple[Outcome, Sentence | None]:
    if action is Action.DEFER:
        return Outcome.DEFERRED, None
    for sentence in sentences[:4]:
        clause = main_clause(sentence.text)
        if FAILED.search(clause) or _equal_tally(clause):
            return Outcome.FAILED, sentence
    return Outcome.PASSED, None


def _equal_tally(text: str) -> bool:
    m = re.search(r"\b(\d{1,2})\s*[-–]\s*(\d{1,2})\b", text)
    return m is not None and m.group(1) == m.group(2) and m.group(1) != "0"


def _rejected_resolution_failed(doc: Document) -> bool:
    """'Rejected a resolution that would have authorized …' where members are said to have
    voted for the resolution: the measure voted on is the resolution, and it failed."""
    return any(_WOULD_HAVE.search(s.text) for s in doc.body)
