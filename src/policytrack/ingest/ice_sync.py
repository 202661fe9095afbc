"""`policytrack sync ice`: fetch ICE's current 287(g) lists from its page and import them.

Only when the user asks. Both lists are downloaded first and imported in one transaction:
offline, or on any failure (page unreachable, no list links, a download or an import that
fails), it says what went wrong and the database is unchanged.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urljoin, urlsplit

from sqlalchemy import Engine

from policytrack.db import session_scope
from policytrack.ingest.official_lists import ICE_287G_PAGE, ListImport, load_official_list
from policytrack.ingest.problems import ImportRefused

TIMEOUT_SECONDS = 30
MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = "policytrack (287(g) list sync)"


class SyncFailed(Exception):
    """Fetching or importing the lists failed; nothing was written."""


@dataclass(frozen=True)
class ListLink:
    """A list file linked from the page."""

    url: str
    pending: bool


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href:
            self.found.append((self._href, " ".join("".join(self._text).split())))
        if tag == "a":
            self._href = None


def list_links(html: str, page_url: str) -> list[ListLink]:
    """The participating and pending list files linked from the 287(g) page."""
    parser = _Links()
    parser.feed(html)
    links = []
    for href, text in parser.found:
        url = urljoin(page_url, href)
        path = urlsplit(url).path.lower()
        if urlsplit(url).scheme not in ("http", "https") or not path.endswith((".xlsx", ".csv")):
            continue
        label = f"{path} {text}".lower()
        if "pending" in label or "participat" in label:
            links.append(ListLink(url, "pending" in label))
    # The newest participating list first, then pending: pending → active is seen in order.
    return sorted({link.url: link for link in links}.values(), key=lambda link: link.pending)


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            data: bytes = response.read(MAX_BYTES + 1)
    except HTTPError as error:
        raise SyncFailed(f"cannot fetch {url}: HTTP {error.code} {error.reason}") from None
    except (URLError, OSError) as error:
        raise SyncFailed(f"cannot fetch {url}: {getattr(error, 'reason', error)}") from None
    if len(data) > MAX_BYTES:
        raise SyncFailed(f"{url} is larger than {MAX_BYTES // 2**20} MB: refused")
    return data


def _download(link: ListLink, folder: Path) -> Path:
    name = PurePosixPath(unquote(urlsplit(link.url).path)).name or "list.xlsx"
    path = folder / name
    path.write_bytes(_fetch(link.url))
    return path


def sync_ice(
    engine: Engine, page_url: str = ICE_287G_PAGE, today: dt.date | None = None
) -> list[ListImport]:
    """Fetch the lists linked from `page_url` and import them in one transaction."""
    html = _fetch(page_url).decode("utf-8", errors="replace")
    links = list_links(html, page_url)
    if not links:
        raise SyncFailed(f"no participating or pending list linked from {page_url}")
    with tempfile.TemporaryDirectory(prefix="policytrack-sync-") as folder:
        files = [(_download(link, Path(folder)), link.pending) for link in links]
        try:
            with session_scope(engine) as session:
                return [
                    load_official_list(session, path, pending=pending, today=today)
                    for path, pending in files
                ]
        except ImportRefused as error:
            raise SyncFailed(error.summary()) from None
