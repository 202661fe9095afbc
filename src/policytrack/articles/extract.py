"""The offline extractor: an article in, a draft vote record with evidence out."""

from __future__ import annotations

import re

from policytrack.articles.actions import read_decision
from policytrack.articles.bodies import formal_name, voting_body
from policytrack.articles.dates import reference_date, vote_date
from policytrack.articles.document import Document
from policytrack.articles.draft import (
    Draft,
    Evidence,
    Fact,
    MemberVote,
    StakeholderDraft,
    Tally,
)
from policytrack.articles.names import People
from policytrack.articles.places import locate, place_index
from policytrack.articles.reading import Article
from policytrack.articles.rollcall import Ballot, read_roll_call
from policytrack.articles.sentences import Sentence
from policytrack.articles.stakeholders import Setting, read_stakeholders
from policytrack.articles.stances import Measure
from policytrack.articles.tallies import Count, abstain_count, read_tally
from policytrack.vocab import Action, Outcome

_MODELS = (
    (re.compile(r"task[\s\u2010\u2011-]*force", re.I), "Task Force Model"),
    (re.compile(r"warrant service officer", re.I), "Warrant Service Officer"),
    (re.compile(r"jail enforcement", re.I), "Jail Enforcement Model"),
)


def evidence(sentence: Sentence | None) -> Evidence | None:
    """The evidence record of a sentence."""
    if sentence is None:
        return None
    return Evidence(sentence=sentence.text, start=sentence.start, end=sentence.end)


def draft_article(article: Article) -> Draft:
    """Draft the vote record an article reports, from its text alone (offline rules)."""
    doc = Document(article)
    draft = Draft(url=article.url, published=article.published)
    _where(doc, draft)
    first = read_tally(doc, None, draft.body.value)
    doc.set_focus(draft.jurisdiction.value, first.yes.sentence or first.no.sentence)
    _when(doc, draft)
    people = People(doc)
    decision = read_decision(doc, frozenset(p.surname for p in people.all()))
    draft.action = Fact(value=decision.action, evidence=evidence(decision.action_sentence))
    draft.outcome = Fact(value=decision.outcome, evidence=evidence(decision.outcome_sentence))
    tally = read_tally(doc, decision.outcome, draft.body.value, decision.action)
    draft.tally = Tally(
        yes=_count(tally.yes),
        no=_count(tally.no),
        abstain=_count(abstain_count(doc)),
        absent=_count(tally.absent),
    )
    ballots = read_roll_call(doc, people, decision.action, (tally.yes.value, tally.no.value))
    draft.roll_call = [
        MemberVote(member=b.person.name, vote=b.vote, evidence=evidence(b.sentence), why=b.why)
        for b in ballots
    ]
    _tally_from_roll_call(draft, ballots)
    setting = Setting(
        place=draft.jurisdiction.value or "",
        state=_state_name(draft.state.value),
        body=draft.body.value or "",
        measure=Measure(decision.action, decision.outcome, decision.postponed),
        unanimous=draft.tally.no.value == 0
        and decision.outcome is Outcome.PASSED
        and decision.action in (Action.APPROVE, Action.REJECT, Action.RESCIND),
    )
    draft.stakeholders = [
        StakeholderDraft(
            name=f.name,
            kind=f.kind,
            person=f.person,
            stance=f.stance,
            evidence=evidence(f.sentence),
            why=f.why,
        )
        for f in read_stakeholders(doc, people, ballots, setting)
    ]
    draft.model = _model(doc)
    draft.policy = _policy(doc)
    return draft


def _tally_from_roll_call(draft: Draft, ballots: list[Ballot]) -> None:
    """No tally printed but both sides named in full: the counts follow (rule 2)."""
    if draft.tally.yes.value is not None or draft.tally.no.value is not None:
        return
    stated = [b for b in ballots if b.why.startswith("stated:") or b.why == "named as a no vote"]
    yes = [b for b in stated if b.vote == "yes"]
    no = [b for b in stated if b.vote == "no"]
    if yes and no:
        why = "counted from the members named on each side"
        draft.tally.yes = Fact(value=len(yes), evidence=evidence(yes[0].sentence), why=why)
        draft.tally.no = Fact(value=len(no), evidence=evidence(no[0].sentence), why=why)


def _state_name(code: str | None) -> str:
    if not code:
        return ""
    state = place_index().gazetteer.state(code)
    return state.name if state else code


def _count(count: Count) -> Fact[int]:
    return Fact(value=count.value, evidence=evidence(count.sentence), why=count.why)


def _where(doc: Document, draft: Draft) -> None:
    located = locate(doc, doc.article.url)
    body = voting_body(doc)
    place = located.jurisdiction
    if located.state:
        why = (
            "named in the text"
            if located.state_in_text
            else "gazetteer: where the places named lie"
        )
        draft.state = Fact(value=located.state, evidence=evidence(located.state_sentence), why=why)
    if place is not None:
        draft.jurisdiction = Fact(value=place.name, evidence=evidence(place.sentence))
        kind = _place_kind(doc.text, place.name) if place.kind == "city" else place.kind
        draft.jurisdiction_kind = Fact(value=kind, evidence=evidence(place.sentence))
    if body is not None:
        owner_kind = place.kind if place is not None else None
        draft.body = Fact(value=formal_name(body, owner_kind), evidence=evidence(body.sentence))


def _place_kind(text: str, name: str) -> str:
    """'village' for 'Village of X' / 'X Village Board', likewise town and township."""
    n = re.escape(name)
    m = re.search(
        rf"\b(Village|Town|Township)\s+of\s+{n}\b|\b{n}\s+(Village|Town|Township)\b", text
    )
    return (m.group(1) or m.group(2)).lower() if m else "city"


def _when(doc: Document, draft: Draft) -> None:
    reference = reference_date(doc.article.published, doc.article.url, doc.sentences)
    found = vote_date(doc.vote_sentences, doc.lead, doc.body, reference)
    if found is not None:
        draft.vote_date = Fact(value=found.day, evidence=evidence(found.sentence), why=found.why)


def _model(doc: Document) -> Fact[str]:
    for sentence in doc.body:
        for pattern, name in _MODELS:
            if pattern.search(sentence.text):
                return Fact(value=name, evidence=evidence(sentence))
    return Fact()


def _policy(doc: Document) -> Fact[str]:
    for sentence in doc.body:
        if re.search(r"287\s*\(?\s*g", sentence.text, re.I):
            return Fact(value="287(g) agreement", evidence=evidence(sentence))
    for sentence in doc.vote_sentences[:3]:
        m = re.search(
            r"\b(ordinance|resolution|bill|agreement|memorandum of agreement)\b",
            sentence.text,
            re.I,
        )
        if m is not None:
            return Fact(value=f"ICE {m.group(1).lower()}", evidence=evidence(sentence))
    return Fact()
