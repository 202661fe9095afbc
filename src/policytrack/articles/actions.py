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
    r"\bvote to postpone\b|\bvoted to (?:postpone|defer|delay)\b|"
    # 'voted 12-7 on Thursday night to postpone …': the tally and the day may come between
    r"\bvot(?:ed|es|e|ing)\b(?:(?!\b(?:after|but|while|when|asked|and|who)\b)[^.;,]){0,40}?"
    r"\bto (?:postpone|defer|delay|table)\b", Action.DEFER, 8),
    (
    r"\bnot (?:to )?renew|refused to (?:\w+ ){0,4}renew|opted (?:not to|to not) renew|"
    r"(?:allow|let)s? (?:\w+ ){0,5}(?:agreement|program|contract)s? (?:\w+ ){0,8}?(?:to )?"
    r"(?:expire|lapse)",
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
    (r"\b(?:an|the) end (?:to|of)\b|\bwithdraw\w* from\b", Action.RESCIND, 3),
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
    rf"\boppos\w+ (?:any |all )?(?:[\w()]+ ){{0,3}}?(?:pursuit|partnerships?|cooperation|"
    rf"agreements?|contracts?)\b|"
    # a measure that says the place will stay out: 'stating that the city will not enter'
    rf"\b(?:prohibit\w*|bar|bars|barred|forbid\w*) (?:[\w’'-]+ ){{0,8}}?from (?:entering|joining|"
    rf"signing|participating|seeking|applying)\b|"
    rf"\b(?:will|would|shall) not (?:seek to )?(?:enter|join|seek|sign|apply|participate|"
    rf"pursue|partner|negotiate)\b|\bnot to (?:enter|join|seek|sign|apply|participate|"
    rf"pursue|negotiate)\b", Action.REJECT, 6),
    (r"\b(?:says?|said|saying) no to\b", Action.REJECT, 2),
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
    r"in support of rejection",
    re.IGNORECASE,
)
# A tie is a failure unless a deciding vote breaks it for the measure.
_TIED = re.compile(r"deadlock\w*|\btie\b|tie-?break\w*", re.IGNORECASE)
# 'A proposal for the police to join …, failed', 'A push to end the agreement failed',
# 'A proposed agreement that would have let police … failed': the measure and its fate.
_FAILED_MEASURE = re.compile(
    r"\b(?:an?|the)\s+(?:[\w()’'-]+\s+){0,3}?(?P<head>motion|proposal|resolution|push|effort|"
    r"bid|attempt|measure|request|plan|ordinance|bill|move|agreement|contract|partnership)\b"
    r"(?P<what>[^.;]{0,200}?)\s+(?:failed|was defeated|went down)\b",
    re.IGNORECASE,
)
_WOULD_HAVE = re.compile(
    r"deciding vote against the (?:resolution|measure|motion)|in support of rejection",
    re.IGNORECASE,
)
_SENTENCES = 6


@dataclass(frozen=True)
class Decision:
    """The drafted action and outcome, each with the sentence it was read from; for a
    postponement, what the postponed measure would have done (None: not said)."""

    action: Action | None
    action_sentence: Sentence | None
    outcome: Outcome | None
    outcome_sentence: Sentence | None
    postponed: Action | None = None


def read_decision(doc: Document, voters: frozenset[str] = frozenset()) -> Decision:
    """Action and outcome of the vote the article reports; `voters` are the surnames of
    people the text names (so that 'Members A and B voted against rescinding' is read as
    how two members voted, not as the result)."""
    sentences = doc.vote_sentences[:_SENTENCES]
    failed = _failed_measure(sentences) or _voted_down(sentences, voters)
    if failed is not None:
        return Decision(failed[0], failed[1], Outcome.FAILED, failed[1])
    action, where = _action(sentences)
    if action is None:
        return Decision(None, None, None, None)
    outcome, out_where = _outcome(action, sentences, doc, voters)
    if action is Action.REJECT and _rejected_resolution_failed(doc):
        action, outcome = Action.APPROVE, Outcome.FAILED
    postponed = _postponed_action([*doc.lead[:2], *sentences]) if action is Action.DEFER else None
    return Decision(action, where, outcome, out_where or where, postponed)


_POSTPONING = re.compile(r"\b(?:tabl\w+|postpon\w+|defer\w*|delay\w*)\b", re.IGNORECASE)


def _postponed_action(sentences: list[Sentence]) -> Action | None:
    """What the tabled or postponed measure would do: 'table a call to end the agreement'
    → rescind; 'postpone a resolution that would expand the contract' → approve."""
    for sentence in sentences:
        m = _POSTPONING.search(sentence.text)
        if m is None:
            continue
        rest = sentence.text[m.end() :]
        for found in re.finditer(r"\b(?:to|would(?: have)?)\s+(\w+(?:\s+[\w()]+){0,6})", rest):
            target = measure_action(found.group(1))
            if target is not None and target is not Action.DEFER:
                return target
        readings = [
            (hit.start(), action)
            for pattern, action, _w in _COMPILED
            if action is not Action.DEFER and (hit := pattern.search(rest))
        ]
        if readings:
            return min(readings, key=lambda r: r[0])[1]  # 'a call for an end to it'
    return None


def _failed_measure(sentences: list[Sentence]) -> tuple[Action, Sentence] | None:
    """A sentence that names the measure and says it failed decides both fields: what the
    measure would have done (to end it → rescind; to join or approve it → approve)."""
    for sentence in sentences[:4]:
        m = _FAILED_MEASURE.search(main_clause(sentence.text))
        if m is None:
            continue
        what = m.group("what")
        verb = re.search(r"\bto\s+(\w+(?:\s+\w+){0,6})", what)
        action = measure_action(verb.group(1)) if verb else None
        would = re.search(r"\bwould (?:have )?(.+)", what)
        if action is None and would is not None:
            action = measure_action(would.group(1))
        if action is None and m.group("head").lower() in ("agreement", "contract", "partnership"):
            action = Action.APPROVE  # the agreement itself was put to the vote
        if action is None and re.search(_AGREEMENT, what, re.IGNORECASE):
            action = Action.APPROVE
        if action in (Action.APPROVE, Action.RESCIND, Action.REJECT):
            return action, sentence
    return None


# 'voted 14-7 against a resolution that would have asked the sheriff to apply …': a measure
# that would have done something, voted down — the measure failed (RULES: a failed approval).
_VOTED_DOWN = re.compile(
    r"\b(?:voted|vote)\b[^.;]{0,30}?\bagainst\s+(?:a|the|an)\s+(?:proposed\s+)?"
    r"(?:resolution|motion|proposal|measure|ordinance|bill|agreement|contract|plan)\b"
    r"[^.;]{0,40}?\b(?:that|which)\s+would\s+(?:have\s+)?(?P<what>[^.;]{3,120})|"
    r"\b(?:rejected|defeated|voted down|struck down|voted\s+(?:\d+\s*[-–]\s*\d+\s+)?"
    r"(?:on\s+\w+day\s+)?to\s+(?:reject|defeat|kill))\s+(?:a|the|an)\s+(?:proposed\s+)?"
    r"(?:resolution|motion|proposal|measure|ordinance|bill|agreement|contract|plan)\b"
    r"[^.;]{0,40}?\b(?:that|which)\s+would\s+have\s+(?P<what2>[^.;]{3,120})|"
    # 'rejected the motion to end the agreement': the motion, not the agreement, was rejected
    r"\b(?:rejected|defeated|voted down)\s+(?:a|the|an)\s+(?:motion|proposal|push|bid|effort|"
    r"attempt|request)\s+(?P<what3>to\s+[^.;]{3,120})",
    re.IGNORECASE,
)


def _voted_down(
    sentences: list[Sentence], voters: frozenset[str]
) -> tuple[Action, Sentence] | None:
    """A measure that 'would have' done something, voted down by the body (not by named
    members): what it would have done, failed."""
    for sentence in sentences[:4]:
        clause = main_clause(sentence.text)
        m = _VOTED_DOWN.search(clause)
        if m is None or _said_of_members(clause, m, voters):
            continue
        what = m.group("what") or m.group("what2") or m.group("what3") or ""
        verb = re.search(r"\bto\s+(\w+(?:\s+[\w()]+){0,6})", what)
        action = measure_action(what) or (measure_action(verb.group(1)) if verb else None)
        if action is None and re.search(_AGREEMENT, what, re.IGNORECASE):
            action = Action.APPROVE
        if action in (Action.APPROVE, Action.RESCIND, Action.REJECT):
            return action, sentence  # a failed resolution of refusal is reject/failed
    return None


def measure_action(words: str) -> Action | None:
    """What a verb phrase does to the agreement ('join the program' → approve, 'end it' →
    rescind, 'let it lapse' → reject, 'table it' → defer); None when it names no act."""
    if re.match(r"\s*keep(?:ing|s)?\s+(?:[\w()]+\s+){0,3}?(?:away|out)\b", words, re.I):
        return Action.REJECT  # 'keep ICE agents away'
    first = re.match(r"\s*(?:in favor of\s+)?(\w+?)(?:ing|s|ed)?\b", words.lower())
    if first is not None:
        stem = first.group(1)
        for verb, action in BARE_VERBS.items():
            if stem in (verb, verb.rstrip("e")):
                return action
    for pattern, action, _w in _COMPILED:
        if pattern.search(words) or pattern.search("to " + words):
            return action
    return None


BARE_VERBS: dict[str, Action] = {
    **dict.fromkeys(
        ("end", "terminate", "void", "rescind", "abolish", "repeal", "sever", "cancel",
         "withdraw", "revoke", "ban", "prohibit"),
        Action.RESCIND,
    ),
    **dict.fromkeys(
        ("approve", "ratify", "authorize", "enter", "renew", "join", "keep", "retain",
         "reinstate", "adopt", "accept", "support", "sign", "extend", "expand", "apply"),
        Action.APPROVE,
    ),
    **dict.fromkeys(("reject", "oppose", "kill", "bar", "decline"), Action.REJECT),
    **dict.fromkeys(("table", "postpone", "defer", "delay", "wait"), Action.DEFER),
}  # fmt: skip


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


def _outcome(
    action: Action, sentences: list[Sentence], doc: Document, voters: frozenset[str]
) -> tuple[Outcome, Sentence | None]:
    if action is Action.DEFER:
        return Outcome.DEFERRED, None
    for sentence in sentences[:4]:
        clause = main_clause(sentence.text)
        failed = [m for m in FAILED.finditer(clause) if not _said_of_members(clause, m, voters)]
        if failed or _equal_tally(clause):
            only_a_tie = all(_TIED.search(m.group(0)) for m in failed)
            if only_a_tie and tie_break_side(doc, action) == "for":
                return Outcome.PASSED, sentence  # a deciding vote broke the tie for it
            return Outcome.FAILED, sentence
    return Outcome.PASSED, None


def _said_of_members(clause: str, m: re.Match[str], voters: frozenset[str]) -> bool:
    """'Members A and B voted against rescinding': a cue whose subject names members is
    how they voted, not what became of the measure."""
    subject = re.split(r"[;:]|,\s+(?:while|but|and)\b", clause[: m.start()])[-1]
    words = {re.sub(r"[^a-z]", "", w.lower()) for w in subject.split()}
    return bool(words & voters)


_DECIDING = re.compile(
    r"\b(?:cast|casts|casting)\s+(?:the|a|his|her)\s+(?:deciding|tie-?breaking)\s+vote\b"
    r"(?P<rest>[^.;]{0,80})|\bbr(?:eak|eaks|oke|eaking)\s+(?:a|the)\s+(?:\d+\s*-\s*\d+\s+)?"
    r"tie\b(?P<rest2>[^.;]{0,60})",
    re.IGNORECASE,
)


def tie_break_side(doc: Document, action: Action | None) -> str | None:
    """Which way a deciding vote broke a tie: 'for' the measure, 'against' it, or None."""
    for i, s in enumerate(doc.body):
        m = _DECIDING.search(s.text)
        if m is None:
            continue
        rest = (m.group("rest") or m.group("rest2") or "").strip()
        side = re.match(r"(?:\w+\s+){0,3}?(against|for|in favor)\b", rest, re.IGNORECASE)
        if side is not None:
            return "against" if side.group(1).lower() == "against" else "for"
        # 'cast the deciding vote Monday night to approve …' (a time may come between)
        verb = re.match(
            r"(?:(?:on\s+)?\w+day(?:\s+(?:night|morning|evening|afternoon))?\s+)?"
            r"to\s+(\w+(?:\s+\w+){0,4})",
            rest,
            re.IGNORECASE,
        )
        target = measure_action(verb.group(1)) if verb is not None else None
        if target is not None:
            return "for" if target is action else "against"
        nearby = _side_nearby(doc.body[i : i + 3])
        if nearby is not None:
            return nearby
    return None


def _side_nearby(sentences: list[Sentence]) -> str | None:
    for s in sentences:
        m = re.search(r"\bvoted\s+(against|for|in favor)", s.text, re.IGNORECASE)
        if m is not None:
            return "against" if m.group(1).lower() == "against" else "for"
    return None


def _equal_tally(text: str) -> bool:
    m = re.search(r"\b(\d{1,2})\s*[-–]\s*(\d{1,2})\b", text)
    return m is not None and m.group(1) == m.group(2) and m.group(1) != "0"


def _rejected_resolution_failed(doc: Document) -> bool:
    """'Rejected a resolution that would have authorized …' where members are said to have
    voted for the resolution: the measure voted on is the resolution, and it failed."""
    return any(_WOULD_HAVE.search(s.text) for s in doc.body)
