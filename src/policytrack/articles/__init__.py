"""The article assistant: from a news report to a draft vote record with evidence.

`draft_article(read_article(path, url=..., published=...))` drafts offline, from the text
alone (never from votes already known); `draft_with_backend` asks a configured
OpenAI-compatible chat endpoint first and falls back to the rules with a notice.
"""

from policytrack.articles.draft import Draft, Evidence, Fact, MemberVote, StakeholderDraft
from policytrack.articles.extract import draft_article
from policytrack.articles.reading import Article, ArticleUnreadable, read_article
from policytrack.articles.render import describe

__all__ = [
    "Article",
    "ArticleUnreadable",
    "Draft",
    "Evidence",
    "Fact",
    "MemberVote",
    "StakeholderDraft",
    "describe",
    "draft_article",
    "read_article",
]
