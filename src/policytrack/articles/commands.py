"""`policytrack draft`: read the article, draft (with the optional backend), print."""

from __future__ import annotations

import datetime as dt
import json
import sys

from policytrack.articles.backend import draft_with_backend
from policytrack.articles.reading import ArticleUnreadable, read_article
from policytrack.articles.render import describe


def run_draft(path: str, url: str | None, published: str | None, as_json: bool) -> int:
    """Draft and print; the exit code (2 for unusable arguments or files)."""
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError:
        print(f"--published {published!r}: dates are written YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        article = read_article(path, url=url, published=day)
    except ArticleUnreadable as error:
        print(str(error), file=sys.stderr)
        return 2
    draft = draft_with_backend(article)
    for notice in draft.notices:
        print(notice, file=sys.stderr)
    if as_json:
        print(json.dumps(draft.to_json(), ensure_ascii=False))
    else:
        print(describe(draft))
    return 0
