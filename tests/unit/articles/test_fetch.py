"""Fetching an article's page (only on the editor's button): http(s) only, a site's error or
an unreachable host said in words a person acts on. A local server, never the internet."""

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from policytrack.articles.fetch import ArticleUnreachable, fetch_page


class _Missing(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def missing_page() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Missing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/gone"
    server.shutdown()
    server.server_close()


def test_only_http_urls_are_fetched() -> None:
    with pytest.raises(ArticleUnreachable, match="http:// or https://"):
        fetch_page("file:///etc/passwd")


def test_a_site_error_is_named(missing_page: str) -> None:
    with pytest.raises(ArticleUnreachable, match="answered 404"):
        fetch_page(missing_page)


def test_an_unreachable_host_says_offline_or_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ArticleUnreachable, match="may be offline, or the site down"):
        fetch_page(f"http://127.0.0.1:{port}/", timeout=2)
