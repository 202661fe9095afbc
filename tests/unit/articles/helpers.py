"""Draft short texts written for these tests (never an article's own words)."""

from __future__ import annotations

import datetime as dt

from policytrack.articles import Article, Draft, draft_article


def draft(text: str, published: str | None = None, url: str | None = None) -> Draft:
    """The offline draft of a text."""
    day = dt.date.fromisoformat(published) if published else None
    return draft_article(Article(text=text, url=url, published=day))


def votes(d: Draft) -> dict[str, str]:
    """Roll call as surname → vote."""
    return {m.member.split()[-1]: m.vote for m in d.roll_call}


def stances(d: Draft) -> dict[str, str]:
    """Stakeholders as surname (or group name) → stance."""
    return {(s.person or s.name).split()[-1]: str(s.stance) for s in d.stakeholders}
