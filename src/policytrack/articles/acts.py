"""What someone did about the agreement or the measure, read from the words that follow
their name in a sentence: requested or signed the agreement, sponsored the measure, urged a
vote, would have voted, backed or opposed the bill, welcomed or regretted the result — or
said they take no side. Each act becomes a stance toward the agreement itself (rule 4)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from policytrack.articles.actions import measure_action
from policytrack.articles.stances import Measure
from policytrack.vocab import Action, Stance


@dataclass(frozen=True)
class Act:
    """A stance read from an act, the words it was read from, and why."""

    stance: Stance | None  # None: the text says the actor takes no position yet
    words: str
    why: str


_MEASURE_NOUN = (
    r"(?:bill|measure|ban|mandate|ordinance|resolution|proposal|legislation|motion|law|"
    r"amendment)"
)
_AGREEMENT_NOUN = (
    r"(?:agreements?|contracts?|renewal|partnership|program|memorandum|MOA|expansion|"
    r"application|deal|pact|287\(g\))"
)
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

_NEUTRAL_SELF = re.compile(
    r"not for it and (?:I['’]m |I am )?not against it|neither for (?:it )?nor against|"
    r"(?:hasn['’]t|have not|haven['’]t|has not) (?:yet )?(?:made up (?:his|her|my) mind|decided)|"
    r"\bundecided\b|takes? no (?:position|side)",
    re.IGNORECASE,
)
_NO_POSITION = re.compile(
    r"(?:has|have) not (?:said|indicated|decided) whether|(?:hasn['’]t|haven['’]t) said whether|"
    r"declined to (?:say|comment)|did not (?:immediately )?respond",
    re.IGNORECASE,
)
_SPONSOR = re.compile(
    rf"\b(?:sponsored|co-?sponsored|introduced|carried|authored|wrote|brought|offered|"
    rf"put forward|proposed)\s+(?:the |a |an |this )?(?:\w+\s+){{0,3}}?{_MEASURE_NOUN}"
    rf"(?P<rest>[^.;]{{0,60}})|"
    rf"\b(?:made (?:the |a )?motion|moved)\s*(?P<rest2>(?:to|that)\b[^.;]{{0,60}}|,)|"
    rf"\b(?:the )?{_MEASURE_NOUN}['’]s (?:patron|sponsor|chief sponsor|lead author|author)",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    rf"\b(?P<verb>requested|request|asked for|applied for|apply for|sought|seek|negotiated|"
    rf"signed|sign|signing|pushed for|initiated|proposed|brought)\s+"
    rf"(?:the |an? |its |his |her |this |that |one )?"
    rf"(?:[\w()’'-]+\s+){{0,4}}?(?P<obj>{_AGREEMENT_NOUN}|{_MEASURE_NOUN}|it)\b",
    re.IGNORECASE,
)
_PLAN = re.compile(
    r"['’]s\s+(?:plan|proposal|request|bid|push|effort|initiative|application)\s+to\s+"
    r"(?P<verb>\w+(?:\s+[\w()]+){0,5})",
    re.IGNORECASE,
)
_WOULD_HAVE = re.compile(
    r"\bwould have voted (?P<side>for|in favor|against|yes|no)\b", re.IGNORECASE
)
_URGE = re.compile(
    r"\b(?:urg(?:e|ed|es|ing)|recommend(?:ed|s|ing)?|ask(?:ed|s|ing)?|call(?:ed|s|ing)?\s+on|"
    r"call(?:ed|s|ing)?\s+for|"
    r"plead\w*|beg\w*|press(?:ed|ing)|encourag\w*|push(?:ed|es|ing)?(?:\s+for)?|"
    r"petition(?:ed|s|ing)|implor\w*|lobb\w*)\b(?P<rest>[^.;]{0,90})",
    re.IGNORECASE,
)
_OPINION = re.compile(
    rf"\b(?P<verb>support(?:s|ed)?|back(?:s|ed)?|endors(?:e|es|ed)|favou?r(?:s|ed)?|"
    rf"oppos(?:e|es|ed)|fought|object(?:s|ed)? to)\s+(?P<gerund>\w+ing\s+)?"
    rf"(?:the|this|that|an?|its|[\w’']+['’]s)\s+"
    rf"(?:[\w()’'-]+\s+){{0,3}}?(?P<obj>{_MEASURE_NOUN}|{_AGREEMENT_NOUN})\b|"
    # 'The association backed it': the measure just named
    r"\b(?P<verb2>support(?:s|ed)|back(?:s|ed)|endors(?:es|ed)|oppos(?:es|ed))\s+it\b|"
    # 'testified against the bill', 'spoke in favor of the measure'
    rf"\b(?:testified|spoke|argued|lobbied|campaigned|rallied|wrote)\s+(?P<side>in favor of|"
    rf"for|against|in support of|in opposition to)\s+(?:the|this|that|a)\s+"
    rf"(?:[\w()’'-]+\s+){{0,2}}?(?P<obj2>{_MEASURE_NOUN}|{_AGREEMENT_NOUN})\b",
    re.IGNORECASE,
)
_DEFEND = re.compile(
    rf"\bdefend(?:ed|s|ing)?\s+(?:it|(?:the|this|that|its)\s+(?:[\w()’'-]+\s+){{0,2}}?"
    rf"{_AGREEMENT_NOUN})",
    re.IGNORECASE,
)
# Lower case only: 'Rutherford Welcomes' is a group's name, not a reaction.
_REACTION = re.compile(
    r"\b(?P<verb>applaud\w*|prais\w*|welcom\w*|thank\w*|cheer\w*|celebrat\w*|commend\w*|"
    r"hail\w*|disappoint\w*|dismay\w*|condemn\w*|decr(?:y|ied|ies)|denounc\w*|blast\w*|"
    r"slam\w*|lament\w*|regret\w*)\b(?P<rest>[^.;]{0,90})"
)
_RESULT_WORDS = re.compile(
    r"\b(?:vote|decision|delay|result|outcome|passage|action|postponement|council|board|"
    r"commission|court|jurors|supervisors|commissioners|trustees|members|announced|"
    r"stood with|backing)\b",
    re.IGNORECASE,
)
_PLEASED = re.compile(r"^(?:applaud|prais|welcom|thank|cheer|celebrat|commend|hail)", re.I)


def _sponsor(m: re.Match[str], measure: Measure) -> Stance | None:
    rest = m.group("rest") or m.group("rest2") or ""
    verb = re.search(r"\bto\s+(\w+(?:\s+[\w()]+){0,5})", rest)
    target = measure_action(verb.group(1)) if verb is not None else None
    if target is not None and target is not measure.action and target is not Action.DEFER:
        return Measure(target).stance_for(True)  # moved to end it while the vote was on another
    if target is Action.DEFER or (m.group("rest2") is not None and target is None):
        return measure.stance_for(True)  # moved the motion voted on (to table it, say)
    return measure.stance_for_proposal()  # sponsored the measure (the one postponed, say)


def _request(m: re.Match[str], measure: Measure) -> Stance | None:
    obj = m.group("obj").lower()
    if re.fullmatch(_MEASURE_NOUN, obj):
        return measure.stance_for_proposal()
    return Stance.SUPPORT


def _plan(m: re.Match[str], measure: Measure) -> Stance | None:
    """ "X's plan to launch a task force": what X proposed to do."""
    target = measure_action(m.group("verb"))
    if target is None and re.search(_AGREEMENT_NOUN, m.group("verb"), re.IGNORECASE):
        target = Action.APPROVE
    return Measure(target).stance_for(True) if target is not None else None


def _would_have(m: re.Match[str], measure: Measure) -> Stance | None:
    return measure.stance_for(m.group("side").lower() in ("for", "in favor", "yes"))


def _urge(m: re.Match[str], measure: Measure) -> Stance | None:
    """'urged the board to keep it', 'asking commissioners to vote no', 'urged approval',
    'call for the contract's end', 'urged the governor to veto it'."""
    rest = m.group("rest")
    if re.match(r"\s*(?:[\w’'.-]+\s+){0,4}?(?:to\s+)?veto\b", rest, re.I):
        return measure.stance_for(False)
    vote = re.match(
        r"\s*(?:\w+\s+){0,4}?(not\s+)?to\s+vote\s+(no|yes|against|for|down)\b", rest, re.I
    )
    if vote is not None:
        backs = vote.group(2).lower() in ("yes", "for")
        return measure.stance_for(backs != bool(vote.group(1)))
    noun = re.match(
        r"\s*(?:\w+\s+){0,3}?(?:for\s+)?(?:an?\s+|the\s+)?(?:[\w’']+['’]s\s+)?"
        r"(?P<noun>approval|adoption|passage|support|renewal|end|termination|repeal|"
        r"rescission|cancellation|ban|rejection|defeat|denial)\b",
        rest,
        re.I,
    )
    if noun is not None:
        word = noun.group("noun").lower()
        if word in ("approval", "adoption", "passage", "support"):
            return measure.stance_for(True)
        if word in ("rejection", "defeat", "denial"):
            return measure.stance_for(False)
        return Stance.SUPPORT if word == "renewal" else Stance.OPPOSE
    verb = re.match(r"\s*(?:[\w’'.-]+\s+){0,4}?(not\s+)?to\s+(\w+(?:\s+[\w()’'-]+){0,6})", rest)
    if verb is None:
        return None
    on_it = _on_the_measure(verb.group(2))
    if on_it is not None:
        return measure.stance_for(on_it != bool(verb.group(1)))
    target = measure_action(verb.group(2))
    if target is None:
        return None
    if target is Action.DEFER:
        return measure.stance_for((measure.action is Action.DEFER) != bool(verb.group(1)))
    stance = Measure(target).stance_for(True)
    return _flip(stance) if verb.group(1) else stance


_ON_THE_MEASURE = re.compile(
    r"(?P<verb>pass|adopt|approve|reject|defeat|kill)\s+(?:it|the\s+(?:resolution|measure|"
    r"motion|ordinance|bill|proposal))\b",
    re.IGNORECASE,
)


def _on_the_measure(words: str) -> bool | None:
    """'to pass the resolution', 'to sign the bill' (True), 'to kill the bill' (False): an act
    on the measure itself, whatever the measure does to the agreement; None otherwise."""
    if re.match(r"sign\b", words, re.I) and re.search(_MEASURE_NOUN, words, re.I):
        return True  # 'to sign the bill'
    m = _ON_THE_MEASURE.match(words)
    if m is None:
        return None
    return m.group("verb").lower() not in ("reject", "defeat", "kill")


def _opinion(m: re.Match[str], measure: Measure) -> Stance | None:
    if m.group("side"):
        backs = not m.group("side").lower().startswith(("against", "in opposition"))
        if re.fullmatch(_MEASURE_NOUN, m.group("obj2"), re.I):
            return measure.stance_for(backs)
        return Stance.SUPPORT if backs else Stance.OPPOSE
    if m.group("verb2"):
        return measure.stance_for(not m.group("verb2").lower().startswith("oppos"))
    backs = not re.match(r"oppos|fought|object", m.group("verb"), re.I)
    if m.group("gerund"):  # 'supported ending the agreement'
        target = measure_action(m.group("gerund") + m.group("obj"))
        return Measure(target).stance_for(backs) if target is not None else None
    if re.fullmatch(_MEASURE_NOUN, m.group("obj"), re.I):
        return measure.stance_for(backs)
    return Stance.SUPPORT if backs else Stance.OPPOSE


def _reaction(m: re.Match[str], measure: Measure) -> Stance | None:
    if not _RESULT_WORDS.search(m.group("rest")):
        return None
    return measure.stance_on_result(bool(_PLEASED.match(m.group("verb"))))


def _flip(stance: Stance | None) -> Stance | None:
    if stance is Stance.SUPPORT:
        return Stance.OPPOSE
    if stance is Stance.OPPOSE:
        return Stance.SUPPORT
    return stance


Reader = Callable[[re.Match[str], Measure], Stance | None]
# Most telling first: a sponsor's or signer's act, a would-be vote, a request to the
# voters, an opinion of the bill, a reaction to the result. The flag: 'did not request it',
# 'would not sign it' turn the act around.
_ACTS: tuple[tuple[re.Pattern[str], Reader, str, bool], ...] = (
    (_SPONSOR, _sponsor, "sponsored or moved the measure", False),
    (_REQUEST, _request, "requested, sought or signed it", True),
    (_PLAN, _plan, "proposed it", False),
    (_WOULD_HAVE, _would_have, "would have voted", False),
    (_URGE, _urge, "urged a decision", False),
    (_OPINION, _opinion, "backed or opposed it", True),
    (_DEFEND, lambda m, measure: Stance.SUPPORT, "defended the agreement", True),
    (_REACTION, _reaction, "reaction to the result", False),
)


def act_of(
    sentences: Iterable[str],
    actor: re.Pattern[str],
    measure: Measure,
    others: re.Pattern[str] | None = None,
) -> Act | None:
    """The first act in `sentences` whose subject is `actor` (the nearest actor mention
    before the act, with no other person named in between), as a stance."""
    texts = [_ABBREVIATION.sub(lambda m: m.group(1) + " ", t) for t in sentences]
    return (
        _stated_position(texts, actor, others)
        or _first_act(texts, actor, measure, others)
        or next((a for t in texts if (a := _passive_act(t, actor, measure))), None)
    )


# 'urged Gov. Bill Lee to veto it': a title's full stop ends no clause (same length kept).
_ABBREVIATION = re.compile(r"\b(Gov|Sen|Rep|Del|Dr|Mr|Mrs|Ms|St|Lt|Sgt|Capt|Rev|Hon|Atty)\.")


def _stated_position(
    texts: list[str], actor: re.Pattern[str], others: re.Pattern[str] | None
) -> Act | None:
    """'I'm not for it and not against it' (neutral); 'has not said whether' (no stance)."""
    for text in texts:
        neutral = _NEUTRAL_SELF.search(text)
        if _attached(text, neutral, actor, others) or _quoted_from(text, neutral, actor):
            return Act(Stance.NEUTRAL, text, "says they take no side")
        if _attached(text, _NO_POSITION.search(text), actor, others):
            return Act(None, text, "has not taken a position")
    return None


def _first_act(
    texts: list[str], actor: re.Pattern[str], measure: Measure, others: re.Pattern[str] | None
) -> Act | None:
    for pattern, read, why, negatable in _ACTS:
        for text in texts:
            # 'urging officials to postpone a vote on signing it': what they urged others to
            # do is not their own act
            urged = [u.span("rest") for u in _URGE.finditer(text)] if pattern is not _URGE else []
            for m in pattern.finditer(text):
                if not _attached(text, m, actor, others) or _passive(text, m):
                    continue
                if any(
                    a <= m.start() < b
                    and re.search(r"\bto\b", text[a : m.start()])
                    and "," not in text[a : m.start()]
                    for a, b in urged
                ):
                    continue
                stance = read(m, measure)
                negation = _NEGATED.search(text[max(0, m.start() - 24) : m.start()])
                if negation is not None and negatable:
                    if re.match(r"no\b", negation.group(0), re.IGNORECASE):
                        return Act(Stance.NEUTRAL, text, "has no plans either way")
                    stance = _flip(stance)
                if stance is not None:
                    return Act(stance, text, why)
    return None


def _attached(
    text: str, m: re.Match[str] | None, actor: re.Pattern[str], others: re.Pattern[str] | None
) -> bool:
    """The act's subject is the actor: named before it in the sentence, nobody in between."""
    if m is None:
        return False
    before = [a for a in actor.finditer(text) if a.end() <= m.start()]
    if not before:
        return False
    between = text[before[-1].end() : m.start()]
    if re.search(r"[.;]\s", between):
        return False
    quote = re.search(r"[“”\"][^“”\"]*$", between)
    if quote is not None and not re.search(
        r"\b(?:said|says|called|calling|added|described|wrote)\b[^“”\"]*$", between[: quote.start()]
    ):
        return False  # someone's quoted words lie between the actor and the act
    # 'X called for removing the members who did not support it': the relative clause has
    # its own subject ('X, who requested it' is still X's act).
    relative = re.search(r"\b(?:who|whom|which)\b", between)
    if relative is not None and not re.fullmatch(
        # 'X, who …', 'X, R-Lane, who …' and 'X and ICE officials, who …' are still about X
        r"\s*(?:,\s*[^,]{1,40}?)?,?\s*(?:and\s+(?:[\w’'.-]+\s+){0,4}?[\w’'.-]+\s*,?\s*)?",
        between[: relative.start()],
    ):
        return False
    return others is None or others.search(between) is None


def _passive(text: str, m: re.Match[str]) -> bool:
    """'was asked to …', 'were urged to …': the actor is asked, not asking."""
    if m.re not in (_URGE, _REQUEST, _SPONSOR):
        return False  # 'was disappointed by the vote' is still their reaction
    before = text[max(0, m.start() - 24) : m.start()]
    return bool(re.search(r"\b(?:was|were|been|being|be)\s+(?:\w+\s+)?$", before, re.IGNORECASE))


def _quoted_from(text: str, m: re.Match[str] | None, actor: re.Pattern[str]) -> bool:
    """The words are in a quotation the actor is said to speak: 'X said, “…”' or
    '“…,” X said'."""
    if m is None:
        return False
    for q in re.finditer(r"[“\"][^”\"]*[”\"]?", text):
        if not q.start() <= m.start() < q.end():
            continue
        before, after = text[max(0, q.start() - 60) : q.start()], text[q.end() : q.end() + 60]
        said = r"(?:said|says|added|told|wrote|stated)"
        lead = re.search(rf"(\S+)[^.“\"]*?\b{said}\b[,:]?\s*$", before)
        tail = re.match(rf"\s*,?\s*(?:{said}\s+)?(?:\w+\s+){{0,3}}?(\S+)\s*(?:{said})?", after)
        for hit in (lead, tail):
            if hit is not None and actor.search(hit.group(0)):
                return True
    return False


def _passive_act(text: str, actor: re.Pattern[str], measure: Measure) -> Act | None:
    """'the agreement, which Sheriff X requested'; 'a resolution sponsored by Y'."""
    for m in re.finditer(
        # ('it was approved by X': the agreement just named)
        rf"(?P<obj>{_AGREEMENT_NOUN}|{_MEASURE_NOUN}|\bit\s+(?=was\s+(?:approved|signed|"
        rf"negotiated|requested|entered)))\b[^.;]{{0,60}}?\b(?:requested|sought|"
        rf"signed|negotiated|proposed|sponsored|introduced|brought|authored|carried|"
        rf"championed|backed|supported|pushed|favou?red|approved|entered(?:\s+into)?)\s+by\b",
        text,
        re.IGNORECASE,
    ):
        after = text[m.end() : m.end() + 90]
        named = actor.search(after)
        if named is not None and not re.search(r"[,;]", after[: named.start()]):
            obj = m.group("obj").lower()
            measure_obj = re.fullmatch(_MEASURE_NOUN, obj) is not None
            stance = measure.stance_for_proposal() if measure_obj else Stance.SUPPORT
            return Act(stance, text, "the measure or agreement is theirs")
    for m in re.finditer(
        rf"(?P<obj>{_AGREEMENT_NOUN}|{_MEASURE_NOUN})\b,?\s+(?:which|that)\s+[^.;,]{{0,40}}?"
        rf"\b(?:requested|sought|signed|negotiated|proposed|sponsored|introduced|brought|"
        rf"authored|asked for|announced|launched)\b",
        text,
        re.IGNORECASE,
    ):
        if actor.search(m.group(0)):
            obj = m.group("obj").lower()
            measure_obj = re.fullmatch(_MEASURE_NOUN, obj) is not None
            stance = measure.stance_for_proposal() if measure_obj else Stance.SUPPORT
            return Act(stance, text, "the measure or agreement is theirs")
    return None
