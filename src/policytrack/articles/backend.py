"""Optional language-model backend: an OpenAI-compatible chat endpoint (Ollama, llama.cpp,
vLLM or a hosted service), off unless configured.

Configure with POLICYTRACK_LLM_URL, POLICYTRACK_LLM_MODEL, POLICYTRACK_LLM_KEY (and
POLICYTRACK_LLM_TIMEOUT, seconds) or an `[article_assistant]` table with `url`, `model`,
`key` in `.streamlit/secrets.toml`. The answer is validated with the draft's own model and
every value keeps an evidence sentence from the article; a bad, slow or absent endpoint
gives the offline draft with a notice saying why.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from policytrack.articles.draft import (
    Draft,
    Evidence,
    Fact,
    MemberOption,
    MemberVote,
    StakeholderDraft,
)
from policytrack.articles.extract import draft_article
from policytrack.articles.reading import Article
from policytrack.articles.sentences import split_sentences
from policytrack.config import REPO_ROOT
from policytrack.schemas import check_http_url
from policytrack.vocab import Action, Outcome, StakeholderKind, Stance

PROMPT = """You read a news report about a local or state vote on cooperating with ICE
(287(g) agreements). Answer with ONE JSON object and nothing else, with the keys:
jurisdiction, jurisdiction_kind (city|county|state), state (two letters), body, vote_date
(YYYY-MM-DD or null), model, action (approve|reject|rescind|defer|other), outcome
(passed|failed|deferred|withdrawn), tally {yes, no, abstain, absent}, roll_call
[{member, vote (yes|no|abstain|absent)}], stakeholders [{name, kind, person, stance
(support|oppose|neutral|mixed)}]. Use only what the text says; null when it does not say.
Stance is toward the agreement itself: voting to end it is oppose."""


@dataclass(frozen=True)
class Endpoint:
    """Where the chat endpoint is and how long to wait for it."""

    url: str
    model: str
    key: str | None
    timeout: float


class _Tally(BaseModel):
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    absent: int | None = None


class _Member(BaseModel):
    member: str
    vote: MemberOption


class _Stakeholder(BaseModel):
    name: str
    kind: StakeholderKind = StakeholderKind.OTHER
    person: str | None = None
    stance: Stance


class Answer(BaseModel):
    """What the endpoint must return: the draft's keys with the project's vocabularies."""

    jurisdiction: str | None = None
    jurisdiction_kind: str | None = None
    state: str | None = None
    body: str | None = None
    vote_date: dt.date | None = None
    model: str | None = None
    action: Action | None = None
    outcome: Outcome | None = None
    tally: _Tally = _Tally()
    roll_call: list[_Member] = []
    stakeholders: list[_Stakeholder] = []


def configured_endpoint(secrets_file: Path | None = None) -> Endpoint | None:
    """The endpoint from the environment or secrets.toml; None when none is configured."""
    table = _secrets(secrets_file or REPO_ROOT / ".streamlit" / "secrets.toml")
    url = os.environ.get("POLICYTRACK_LLM_URL") or table.get("url")
    model = os.environ.get("POLICYTRACK_LLM_MODEL") or table.get("model")
    if not url or not model:
        return None
    key = os.environ.get("POLICYTRACK_LLM_KEY") or table.get("key")
    timeout = float(os.environ.get("POLICYTRACK_LLM_TIMEOUT") or table.get("timeout") or 30)
    return Endpoint(str(url), str(model), str(key) if key else None, timeout)


def _secrets(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    table = data.get("article_assistant", {})
    return table if isinstance(table, dict) else {}


def draft_with_backend(article: Article, endpoint: Endpoint | None = None) -> Draft:
    """The offline draft, improved by the endpoint's answer when one is configured."""
    rules = draft_article(article)
    endpoint = endpoint or configured_endpoint()
    if endpoint is None:
        return rules
    try:
        answer = ask(endpoint, article)
    except BackendFailed as error:
        rules.notices.append(
            f"language model at {endpoint.url} not used ({error}); offline rules drafted this"
        )
        return rules
    return merge(rules, answer, article)


class BackendFailed(RuntimeError):
    """The endpoint did not give a usable answer (unreachable, slow, not JSON, invalid)."""


def ask(endpoint: Endpoint, article: Article) -> Answer:
    """Ask the endpoint for the draft and validate its answer."""
    try:
        url = check_http_url(_chat_url(endpoint.url))
    except ValueError as error:
        raise BackendFailed(str(error)) from None
    body = {
        "model": endpoint.model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": PROMPT},
            {"role": "user", "content": _user_message(article)},
        ],
    }
    headers = {"Content-Type": "application/json"}
    if endpoint.key:
        headers["Authorization"] = f"Bearer {endpoint.key}"
    # The URL was checked to be http(s) above: no file: or custom schemes reach urlopen.
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=endpoint.timeout) as response:  # noqa: S310
            payload = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise BackendFailed(f"no usable reply: {error}") from None
    return _parse(payload)


def _chat_url(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _user_message(article: Article) -> str:
    meta = f"URL: {article.url or 'unknown'}\nPublished: {article.published or 'unknown'}\n\n"
    return meta + article.text


def _parse(payload: Any) -> Answer:
    try:
        content = payload["choices"][0]["message"]["content"]
        found = re.search(r"\{.*\}", content, re.DOTALL)
        data = json.loads(found.group(0) if found else content)
        return Answer.model_validate(data)
    except (KeyError, IndexError, TypeError, json.JSONDecodeError) as error:
        raise BackendFailed(f"the reply is not a JSON draft ({error.__class__.__name__})") from None
    except ValidationError as error:
        raise BackendFailed(
            f"the reply breaks the draft's rules ({error.error_count()} errors)"
        ) from None


def merge(rules: Draft, answer: Answer, article: Article) -> Draft:
    """The endpoint's values with evidence sentences from the article: the rules' sentence
    when they agree, else the first sentence that prints the value."""
    draft = rules.model_copy(deep=True)
    draft.backend = "language model"
    for name in (
        "jurisdiction",
        "jurisdiction_kind",
        "state",
        "body",
        "vote_date",
        "model",
        "action",
        "outcome",
    ):
        setattr(draft, name, _fact(getattr(rules, name), getattr(answer, name), article))
    for side in ("yes", "no", "abstain", "absent"):
        setattr(
            draft.tally,
            side,
            _fact(getattr(rules.tally, side), getattr(answer.tally, side), article),
        )
    draft.roll_call = [
        MemberVote(
            member=m.member, vote=m.vote, evidence=_find(article, m.member), why="language model"
        )
        for m in answer.roll_call
    ]
    draft.stakeholders = [
        StakeholderDraft(
            name=s.name, kind=s.kind, person=s.person, stance=s.stance,
            evidence=_find(article, s.person or s.name), why="language model",
        )
        for s in answer.stakeholders
    ]  # fmt: skip
    return draft


def _fact(rule: Fact[Any], value: Any, article: Article) -> Fact[Any]:
    if value == rule.value:
        return rule
    if value is None:
        return Fact()
    return Fact(value=value, evidence=_find(article, str(value)), why="language model")


def _find(article: Article, needle: str) -> Evidence | None:
    """The first sentence that prints the value (or a person's surname)."""
    words = needle.split()
    key = words[-1] if words else needle
    for s in split_sentences(article.text):
        if key and key.lower() in s.text.lower():
            return Evidence(sentence=s.text, start=s.start, end=s.end)
    return None
