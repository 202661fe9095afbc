"""The optional chat backend against a local fake endpoint (a tiny http.server)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from policytrack.articles import Article
from policytrack.articles.backend import Endpoint, configured_endpoint, draft_with_backend

TEXT = "The Boise City Council voted 4-2 on Monday to approve an agreement with ICE."
GOOD = {
    "jurisdiction": "Boise", "jurisdiction_kind": "city", "state": "ID", "body": "City Council",
    "vote_date": None, "model": None, "action": "approve", "outcome": "passed",
    "tally": {"yes": 4, "no": 2, "abstain": None, "absent": None},
    "roll_call": [{"member": "Dee Moss", "vote": "no"}],
    "stakeholders": [{"name": "Boise City Council member", "kind": "elected_official",
                      "person": "Dee Moss", "stance": "oppose"}],
}  # fmt: skip


class FakeChat(BaseHTTPRequestHandler):
    """Answers every POST with the reply the test put on the server."""

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.server.requests.append(json.loads(self.rfile.read(length)))  # type: ignore[attr-defined]
        body = json.dumps(self.server.reply).encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def fake_chat() -> Iterator[HTTPServer]:
    server = HTTPServer(("127.0.0.1", 0), FakeChat)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def endpoint(server: HTTPServer) -> Endpoint:
    return Endpoint(f"http://127.0.0.1:{server.server_port}/v1", "tiny", "sk-test", timeout=5)


def reply(content: str) -> dict[str, object]:
    return {"choices": [{"message": {"role": "assistant", "content": content}}]}


def test_a_valid_answer_is_used_with_evidence_from_the_article(fake_chat: HTTPServer) -> None:
    fake_chat.reply = reply(json.dumps(GOOD))  # type: ignore[attr-defined]
    draft = draft_with_backend(Article(text=TEXT), endpoint(fake_chat))
    assert draft.backend == "language model" and draft.notices == []
    assert draft.roll_call[0].member == "Dee Moss"
    assert draft.tally.yes.evidence is not None
    assert draft.tally.yes.evidence.sentence == TEXT  # the rules' sentence kept
    sent = fake_chat.requests[0]  # type: ignore[attr-defined]
    assert sent["model"] == "tiny" and TEXT in sent["messages"][1]["content"]


def test_an_answer_that_breaks_the_vocabulary_falls_back_with_a_notice(
    fake_chat: HTTPServer,
) -> None:
    fake_chat.reply = reply(json.dumps({**GOOD, "action": "maybe"}))  # type: ignore[attr-defined]
    draft = draft_with_backend(Article(text=TEXT), endpoint(fake_chat))
    assert draft.backend == "rules"
    assert "breaks the draft's rules" in draft.notices[0]
    assert str(draft.action.value) == "approve"


def test_a_reply_that_is_not_json_falls_back(fake_chat: HTTPServer) -> None:
    fake_chat.reply = reply("Sure! The council approved it.")  # type: ignore[attr-defined]
    draft = draft_with_backend(Article(text=TEXT), endpoint(fake_chat))
    assert draft.backend == "rules" and "not a JSON draft" in draft.notices[0]


def test_an_endpoint_that_is_down_falls_back_with_a_notice() -> None:
    with HTTPServer(("127.0.0.1", 0), FakeChat) as closed:
        port = closed.server_port
    down = Endpoint(f"http://127.0.0.1:{port}/v1", "tiny", None, timeout=2)
    draft = draft_with_backend(Article(text=TEXT), down)
    assert draft.backend == "rules"
    assert f"127.0.0.1:{port}" in draft.notices[0] and "offline rules" in draft.notices[0]


def test_configuration_from_the_environment_or_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("POLICYTRACK_LLM_URL", "POLICYTRACK_LLM_MODEL", "POLICYTRACK_LLM_KEY"):
        monkeypatch.delenv(name, raising=False)
    secrets = tmp_path / "secrets.toml"
    assert configured_endpoint(secrets) is None
    secrets.write_text('[article_assistant]\nurl = "http://127.0.0.1:9/v1"\nmodel = "m"\n')
    assert configured_endpoint(secrets) == Endpoint("http://127.0.0.1:9/v1", "m", None, 30.0)
    monkeypatch.setenv("POLICYTRACK_LLM_MODEL", "other")
    assert configured_endpoint(secrets).model == "other"  # type: ignore[union-attr]


def test_an_endpoint_that_never_answers_falls_back_after_the_timeout() -> None:
    import socket

    with socket.socket() as silent:  # accepts the connection, never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        slow = Endpoint(f"http://127.0.0.1:{port}/v1", "tiny", None, timeout=0.5)
        draft = draft_with_backend(Article(text=TEXT), slow)
    assert draft.backend == "rules"
    assert "timed out" in draft.notices[0]
