"""Password guessing is throttled per account name and per client address, in the database
(on SQLite and PostgreSQL): a new browser session or server process does not start afresh;
an administrator lifts a pause with `policytrack users unlock`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack.auth import (
    ACCOUNT_LIMIT,
    ADDRESS_LIMIT,
    AuthError,
    Editor,
    SignInPaused,
    add_user,
    sign_in,
    unlock,
)
from policytrack.db import make_engine, session_scope
from policytrack.models import SignInThrottle, User

PASSWORD = "a long enough passphrase"
WRONG = "not the passphrase at all"
ALICE = Editor("alice", "editor")


@pytest.fixture
def accounts(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        add_user(session, "alice", "editor", password=PASSWORD)
        add_user(session, "bob", "editor", password=PASSWORD)
    return engine


def fail(engine: Engine, name: str, times: int, address: str | None = None) -> list[str]:
    """Sign in with a wrong password `times` times; what each refusal said."""
    said = []
    for _ in range(times):
        with pytest.raises(AuthError) as refused:
            sign_in(engine, name, WRONG, address)
        said.append(str(refused.value))
    return said


def test_an_account_is_paused_after_the_limit_even_from_a_new_process(accounts: Engine) -> None:
    said = fail(accounts, "alice", ACCOUNT_LIMIT)
    assert all(s.startswith("wrong user name or password") for s in said)
    assert "paused until" in said[-1] and "paused until" not in said[-2]
    fresh = make_engine(accounts.url.render_as_string(hide_password=False))  # another server
    with pytest.raises(SignInPaused, match="policytrack users unlock alice"):
        sign_in(fresh, "alice", PASSWORD)  # the right password, refused unchecked
    fresh.dispose()
    assert sign_in(accounts, "bob", PASSWORD) == Editor("bob", "editor")  # others unaffected


def test_an_administrator_lifts_the_pause(accounts: Engine) -> None:
    fail(accounts, "alice", ACCOUNT_LIMIT)
    with session_scope(accounts) as session:
        assert unlock(session, "alice") == 1
    assert sign_in(accounts, "alice", PASSWORD) == ALICE


def test_the_pause_ends_by_itself(accounts: Engine) -> None:
    fail(accounts, "alice", ACCOUNT_LIMIT)
    with session_scope(accounts) as session:  # as if the pause had run out
        row = session.exec(select(SignInThrottle).where(SignInThrottle.kind == "account")).one()
        row.paused_until = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    assert sign_in(accounts, "alice", PASSWORD) == ALICE


def test_a_right_password_clears_the_count(accounts: Engine) -> None:
    fail(accounts, "alice", ACCOUNT_LIMIT - 1)
    assert sign_in(accounts, "alice", PASSWORD) == ALICE
    fail(accounts, "alice", ACCOUNT_LIMIT - 1)
    assert sign_in(accounts, "alice", PASSWORD) == ALICE


def test_unknown_names_are_throttled_alike(accounts: Engine) -> None:
    said = fail(accounts, "mallory", ACCOUNT_LIMIT)
    assert "paused until" in said[-1]  # the same answer as for an account that exists
    with pytest.raises(SignInPaused):
        sign_in(accounts, "mallory", WRONG)


def test_an_address_trying_many_names_is_paused_for_every_account(accounts: Engine) -> None:
    for n in range(ADDRESS_LIMIT):
        fail(accounts, f"guess{n}", 1, address="203.0.113.7")
    with pytest.raises(SignInPaused, match="your network address") as paused:
        sign_in(accounts, "alice", PASSWORD, "203.0.113.7")
    assert "users unlock --address 203.0.113.7" in str(paused.value)
    assert sign_in(accounts, "alice", PASSWORD, "198.51.100.2") == ALICE  # another address


def test_users_unlock_on_the_command_line(accounts: Engine) -> None:
    fail(accounts, "alice", ACCOUNT_LIMIT)
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": accounts.url.render_as_string(False)}
    result = subprocess.run(
        [sys.executable, "-m", "policytrack.cli", "users", "unlock", "alice"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (
        result.returncode == 0 and result.stdout.strip() == "sign-in unlocked for account 'alice'"
    )
    assert sign_in(accounts, "alice", PASSWORD) == ALICE
    with Session(accounts) as session:
        assert session.exec(select(SignInThrottle)).all() == []


def test_a_hash_with_older_parameters_is_replaced_at_sign_in(accounts: Engine) -> None:
    old = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with session_scope(accounts) as session:
        user = session.exec(select(User).where(User.name == "alice")).one()
        user.password_hash = old
    assert sign_in(accounts, "alice", PASSWORD) == ALICE
    with Session(accounts) as session:
        stored = session.exec(select(User).where(User.name == "alice")).one().password_hash
    assert stored is not None and stored != old
    assert not PasswordHasher().check_needs_rehash(stored)
    assert PasswordHasher().verify(stored, PASSWORD)
    assert sign_in(accounts, "alice", PASSWORD) == ALICE  # the new hash signs in
    with Session(accounts) as session:  # and, current, is kept as it is
        assert session.exec(select(User).where(User.name == "alice")).one().password_hash == stored
