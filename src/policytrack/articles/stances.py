"""Stance toward the agreement itself, read from what a sentence says someone did or said.

Cue lists are general: arguments for enforcement and pressure to sign are `support`;
fear, distrust and moves to end or refuse are `oppose`; accepting while saying the state
forces it is `mixed`; explaining scope, costs or legal risk is `neutral` (labelling rule 4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.vocab import Action, Outcome, Stance

SUPPORT = re.compile(
    r"\bdefend\w*|\bchampion\w*|\bendors\w*|\burg\w* support|\bspoke in (?:favor|support)|"
    r"\bin favor of (?:the|it|this)\b|law[- ]and[- ]order|rule of law|\bpriority\b|"
    r"\bkeep\w* (?:our|the) (?:country|community|city|communities) safe|\bsafer\b|\bsafe\b|"
    r"public safety|violent (?:crime|offenders|criminals)|criminal (?:illegal )?aliens|"
    r"illegal aliens|\bmurder\w*|human trafficking|"
    r"dangerous criminals|enforce the law|uphold the law|\bthreaten(?:s|ed|ing)?\b(?!\s+to\s+sue)|"
    r"\bwarn\w* [^.]{0,60}(?:remov|penalt|prosecut|legal|consequence)|"
    r"should be removed|push\w* [^.]{0,40}to enter|urg\w* [^.]{0,40}to (?:collaborate|"
    r"cooperate|enter|ratify|sign)|"
    r"\bsign(?:ed)? (?:the|an|that|its) (?:\w+ )?(?:agreement|addendum|contract)|"
    r"\bentered into\b|application to participate|"
    r"sanctuary (?:city|cities|policy|policies)|\bI trust\b|stand behind|\btroubling\b|"
    r"will not permit|removal of criminal|assist in the removal|\bdemand\w*|"
    # state pressure on places that refuse or end agreements
    r"\bthreats? of (?:removal|prosecution|suspension|penalt\w+|fines)|legal consequences|"
    r"consequences for (?:failing|refusing|not)|"
    # what the agreement is said to give the place: tools, time, revenue, nothing to pay
    r"\b(?:lets|allows?|gives?)\s+(?:us|me|our|my)\b|instead of waiting|"
    r"\bsaves?\b[^.]{0,30}\b(?:hours|time|money)\b|\bbring(?:s|ing)? in\b|\brevenue\b|"
    r"\bpays? for (?:the )?(?:beds|it|itself)|federal dollars|money stays|"
    r"keeps? (?:\w+ ){0,3}employed|\btools?\b|common[- ]sense|good (?:business )?(?:decision|deal|"
    r"idea)|long time coming|\bcosts? (?:\w+ ){0,3}nothing|(?:doesn|won)['’]t cost|"
    r"\bsupport(?:s|ed)? (?:the|this|an?) (?:\w+ ){0,2}(?:agreement|program|partnership|contract)",
    re.IGNORECASE,
)
OPPOSE = re.compile(
    r"\bfear\w*|\bafraid\b|\bdistrust|\bmistrust|\bashamed\b|wrong side|not our brand|"
    r"do not volunteer|"
    r"worst option|coercion|\bharm\w*|unconstitutional|\boppos\w+|\bagainst (?:it|this|that)\b|"
    r"\bagainst the (?:\w+ ){0,3}(?:agreements?|program|partnership|contract|resolution|measure|"
    r"proposal|motion|plan|ordinance|bill|idea|move|renewal|expansion|request)s?\b|"
    r"spoke (?:out )?against|\bcritici[sz]\w*|\bdenounc\w*|turned (?:it|the offer) down|"
    r"not going down that path|"
    r"not the program for us|purely political|would not support|\brefus\w*|"
    r"threaten\w* to sue|\bsue\b|"
    r"\blawsuit\b|compassion|\bneighbors?\b|racial profiling|pushed against|disapprov\w*|"
    r"run its course|not (?:be )?obligated|(?:end|rescind|void|terminate|abolish) (?:the|its|"
    r"this) (?:\w+ )?(?:agreement|program|contract)|"
    r"\bdisgust|\bunjust\b|concerns? (?:about|over)|won['’]t make (?:our|"
    r"the) community safer|divide|"
    r"not (?:make|making) [^.]{0,20}safer|to reject|keep ICE (?:agents )?away|backlash|\bpanic\b|"
    r"\bwould not sign\b|not (?:to )?sign|not comfortable|don['’]t feel comfortable|"
    r"don['’]t think it['’]s needed|"
    # harm the agreement is said to do
    r"\battack on\b|\bhurt\w*|less likely to (?:come forward|report|call)|"
    r"afraid to (?:call|drive|report)|"
    r"\bchill\b|deportation (?:pipeline|squad|machine)|\barm of (?:deportation|ICE)|"
    r"wrong (?:message|signal)|tear\w* (?:\w+ )?families|profit\w* from|scare away|"
    r"don['’]t need (?:a|an|the) (?:\w+ ){0,2}agreement",
    re.IGNORECASE,
)
MIXED = re.compile(
    r"have to comply|obligation (?:we have )?to comply|\bhave to (?:enter|follow|sign|do)\b|"
    r"legally obligated|felt (?:\w+ )?obligated|no choice|do not have options|"
    r"head and not (?:my|the) heart|"
    r"\btough\b|morally difficult|backed into a corner|under pressure|unfunded mandate|\bworr\w*|"
    r"reluctan\w*|while supporting|forced agreement|we have to enter|must enter|"
    r"thwarted the calamity|"
    r"state[- ]mandated|removed (?:by the governor|from office) for failing|not a voluntary thing|"
    r"reservations|back and forth|don['’]t love it|hoped not to have to|heavy heart|\btorn\b|"
    r"\bhesitan\w*|mixed feelings|\bhad doubts\b|\bshare (?:some of )?(?:the|those|these|"
    r"their|your) concerns",
    re.IGNORECASE,
)
# A no vote, or a call to end it, that still grants the agreement itself: 'I support 287(g).
# I don't support Columbia telling a sheriff what to sign'; 'I'm not against the concept'.
CONCESSION = re.compile(
    r"not against the (?:concept|idea|program|agreement)|not opposed to (?:the )?(?:concept|"
    r"idea|program|agreement)|\bI support (?:287\(g\)|the program|the agreement|ICE)\b|"
    r"\bsupports? (?:287\(g\)|the program|the concept) but",
    re.IGNORECASE,
)
NEUTRAL = re.compile(
    r"\bwill not\b|\bwon['’]t\b|does not (?:authorize|weaponize|plan)|"
    r"not (?:be )?(?:going out|conducting) raids|"
    r"\bexplain\w*|\bclarif\w*|\badvis\w*|\banalysis\b|\bprimary focus\b|\btraining\b|\bestimat\w*|"
    r"\bdescrib\w*|\bnoted\b|repercussion|federal funds|legal (?:risk|challenges)|not have enough|"
    r"\bnot going to\b|\b(?:nobody|no one) is going to\b|\bdo(?:es)? not ask\b|not part of|"
    r"no plans to|would not be liable",
    re.IGNORECASE,
)


_OTHERS_ACT = re.compile(
    r"\b(?:decision|vote|move|attempt|effort|plan|push|bid|choice)\s+to\s+(?:end|terminate|void|"
    r"rescind|abolish|leave|exit|withdraw|reject|cancel)\b[^,.;]*",
    re.IGNORECASE,
)
_NO_WORRY = re.compile(
    r"\b(?:nothing|no need|no reason|not need|don['’]t need|shouldn['’]t need)\s+to\s+worry\b",
    re.IGNORECASE,
)
# The agreement's own terms, described: 'either party may end it', 'it can be cancelled'.
_TERMS = re.compile(
    r"\b(?:either|both|each|any)\s+(?:party|parties|side|sides|agency)\s+(?:may|can|could)\s+"
    r"[^,.;]*|\b(?:it|the agreement|the contract)\s+(?:may|can|could)\s+be\s+\w+[^,.;]*",
    re.IGNORECASE,
)
_BODY_NAME = re.compile(
    r"(?:[A-Z]\w+\s+(?:and\s+)?){1,6}(?:[Cc]ommittees?|Department|Commission|Board|Office|"
    r"Division|Council)\b"
)
# Officers who run or advise on the agreement: describing it, with no side taken, is neutral.
ROLES_NEUTRAL_BY_DEFAULT = frozenset({"police", "sheriff", "corrections", "attorney", "manager"})


def stance_of(text: str, *, speaker_role: str | None = None) -> Stance | None:
    """The stance a passage shows toward the agreement, or None when it shows none."""
    text = _BODY_NAME.sub(" ", text)  # 'the Public Safety committee' argues nothing
    text = _OTHERS_ACT.sub(" ", text)  # 'the city's decision to end it' is not the speaker's
    text = _TERMS.sub(" ", text)  # 'either party may end it with 60 days' notice': its terms
    text = _NO_WORRY.sub(" ", text)  # 'you have nothing to worry about' voices no worry
    support = len(SUPPORT.findall(text))
    oppose = len(OPPOSE.findall(text))
    if MIXED.search(text) and oppose <= support + 1:
        return Stance.MIXED
    if support > oppose:
        return Stance.SUPPORT
    if oppose > support:
        return Stance.OPPOSE
    if speaker_role in ROLES_NEUTRAL_BY_DEFAULT or NEUTRAL.search(text):
        return Stance.NEUTRAL if (support == oppose == 0) else None
    return None


def toward(backs: bool, action: Action | None) -> Stance | None:
    """Backing (or opposing) a measure that does `action` to the agreement, as a stance
    toward the agreement itself: backing a measure to end it is oppose (rule 4)."""
    if action is None or action is Action.OTHER:
        return None
    favours = action is Action.APPROVE
    if not backs:
        favours = not favours
    return Stance.SUPPORT if favours else Stance.OPPOSE


@dataclass(frozen=True)
class Measure:
    """What was voted on: what it does, whether it passed, and — for a postponement — what
    the postponed measure would have done (approval unless the text says otherwise)."""

    action: Action | None
    outcome: Outcome | None = None
    postponed: Action | None = None

    def stance_for(self, backs: bool) -> Stance | None:
        """Backing (or opposing) this measure as a stance toward the agreement: voting to
        table a resolution to end the agreement is support."""
        if self.action is Action.DEFER:
            return toward(not backs, self.postponed or Action.APPROVE)
        return toward(backs, self.action)

    def stance_for_proposal(self) -> Stance | None:
        """Proposing or sponsoring the measure itself — for a postponement, the measure that
        was postponed, not the motion to postpone it."""
        if self.action is Action.DEFER:
            return toward(True, self.postponed or Action.APPROVE)
        return self.stance_for(True)

    def stance_on_result(self, welcomes: bool) -> Stance | None:
        """Welcoming (or regretting) the result as a stance toward the agreement."""
        if self.outcome is None:
            return None
        passed = self.outcome in (Outcome.PASSED, Outcome.DEFERRED)
        return self.stance_for(welcomes if passed else not welcomes)

    def stance_of_vote(self, vote: str) -> Stance | None:
        """A member's yes or no as a stance toward the agreement."""
        return self.stance_for(vote == "yes") if vote in ("yes", "no") else None
