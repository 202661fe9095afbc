"""Stance toward the agreement itself, read from what a sentence says someone did or said.

Cue lists are general: arguments for enforcement and pressure to sign are `support`;
fear, distrust and moves to end or refuse are `oppose`; accepting while saying the state
forces it is `mixed`; explaining scope, costs or legal risk is `neutral` (labelling rule 4).
"""

from __future__ import annotations

import re

from policytrack.vocab import Action, Stance

SUPPORT = re.compile(
    r"\bdefend\w*|\bchampion\w*|\bendors\w*|\burg\w* support|\bspoke in (?:favor|support)|"
    r"\bin favor of (?:the|it|this)\b|law[- ]and[- ]order|rule of law|\bpriority\b|"
    r"\bkeep\w* (?:our|the) (?:country|community|city|communities) safe|\bsafer\b|\bsafe\b|"
    r"public safety|violent (?:crime|offenders|criminals)|criminal (?:illegal )?aliens|"
    r"illegal aliens|"
    r"dangerous criminals|enforce the law|uphold the law|\bthreaten\w*|"
    r"\bwarn\w* [^.]{0,60}(?:remov|penalt|prosecut|legal|consequence)|"
    r"should be removed|push\w* [^.]{0,40}to enter|urg\w* [^.]{0,40}to (?:collaborate|"
    r"cooperate|enter|ratify|sign)|"
    r"\bsign(?:ed)? (?:the|an|that|its) (?:\w+ )?(?:agreement|addendum|contract)|"
    r"\bentered into\b|application to participate|"
    r"sanctuary (?:city|cities|policy|policies)|\bveto\b|\bI trust\b|stand behind|\btroubling\b|"
    r"will not permit|removal of criminal|assist in the removal|\bdemand\w*",
    re.IGNORECASE,
)
OPPOSE = re.compile(
    r"\bfear\w*|\bafraid\b|\bdistrust|\bmistrust|\bashamed\b|wrong side|not our brand|"
    r"do not volunteer|"
    r"worst option|coercion|\bharm\w*|unconstitutional|\boppos\w+|\bagainst (?:the|it|this|that)\b|"
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
    r"don['’]t think it['’]s needed",
    re.IGNORECASE,
)
MIXED = re.compile(
    r"have to comply|obligation (?:we have )?to comply|\bhave to (?:enter|follow|sign|do)\b|"
    r"legally obligated|felt (?:\w+ )?obligated|no choice|do not have options|"
    r"head and not (?:my|the) heart|"
    r"\btough\b|morally difficult|backed into a corner|under pressure|unfunded mandate|\bworr\w*|"
    r"reluctan\w*|while supporting|forced agreement|we have to enter|must enter|"
    r"thwarted the calamity|"
    r"state[- ]mandated|removed (?:by the governor|from office) for failing|not a voluntary thing",
    re.IGNORECASE,
)
NEUTRAL = re.compile(
    r"\bwill not\b|\bwon['’]t\b|does not (?:authorize|weaponize|plan)|"
    r"not (?:be )?(?:going out|conducting) raids|"
    r"\bexplain\w*|\bclarif\w*|\badvis\w*|\banalysis\b|\bprimary focus\b|\btraining\b|\bestimat\w*|"
    r"\bdescrib\w*|\bnoted\b|repercussion|federal funds|legal (?:risk|challenges)|not have enough",
    re.IGNORECASE,
)


def stance_of(text: str, *, speaker_role: str | None = None) -> Stance | None:
    """The stance a passage shows toward the agreement, or None when it shows none."""
    support = len(SUPPORT.findall(text))
    oppose = len(OPPOSE.findall(text))
    if MIXED.search(text) and oppose <= support + 1:
        return Stance.MIXED
    if support > oppose:
        return Stance.SUPPORT
    if oppose > support:
        return Stance.OPPOSE
    if speaker_role in ("police", "attorney", "manager") or NEUTRAL.search(text):
        return Stance.NEUTRAL if (support == oppose == 0) else None
    return None


def stance_from_vote(vote: str, action: Action | None) -> Stance | None:
    """A vote's stance toward the agreement: yes to end it is oppose (rule 4)."""
    if vote not in ("yes", "no") or action is None or action is Action.OTHER:
        return None
    favours = action is Action.APPROVE
    if vote == "no":
        favours = not favours
    return Stance.SUPPORT if favours else Stance.OPPOSE


def stance_from_measure(backs_measure: bool, action: Action | None) -> Stance | None:
    """Moving, sponsoring or backing a measure is a stance toward the agreement."""
    return stance_from_vote("yes" if backs_measure else "no", action)
