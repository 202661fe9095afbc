"""Fetch an article's page, only when an editor asks: one GET, a short timeout, http(s) only.

The extractor never fetches (it drafts from the text it is given); the Edit page calls this
when the editor presses its button. Any failure is `ArticleUnreachable` with words a person
can act on (offline, site down, not a page), never a half-read page.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from policytrack.schemas import check_http_url

TIMEOUT = 8.0  # seconds: an editor is waiting
MOST = 5_000_000  # bytes: an article page, not a download
_HEADERS = {"User-Agent": "policytrack article assistant", "Accept": "text/html,text/plain"}


class ArticleUnreachable(RuntimeError):
    """The page could not be fetched; the message says why in plain words."""


def fetch_page(url: str, timeout: float = TIMEOUT) -> str:
    """The page at `url` as text (decoded by its charset, UTF-8 otherwise)."""
    try:
        clean = check_http_url(url)
    except ValueError as error:
        raise ArticleUnreachable(f"{url[:80]!r}: {error}") from None
    request = urllib.request.Request(clean, headers=_HEADERS)  # noqa: S310 (http(s) checked)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body: bytes = response.read(MOST + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as error:
        raise ArticleUnreachable(
            f"{clean}: the site answered {error.code} {error.reason}"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ArticleUnreachable(
            f"{clean}: could not be fetched ({reason}). This machine may be offline, or the "
            "site down: paste the article's text or upload the saved page instead."
        ) from None
    if len(body) > MOST:
        raise ArticleUnreachable(f"{clean}: the page is larger than {MOST // 1_000_000} MB")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: most such pages are UTF-8
        return body.decode("utf-8", errors="replace")
