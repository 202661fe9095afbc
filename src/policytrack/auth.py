"""Who may edit. Viewing needs no account; editing needs the editor role (admins may also
manage users). Local accounts keep an argon2 hash, never the password; OIDC identities
(Streamlit's `st.login`) are mapped to accounts by e-mail. Anything unknown is refused:
the write side fails closed; an account of any other role (a `viewer` restored from a
backup) may sign in but not edit.

Password guessing is throttled per account name and per client address, in the database
(a new browser session does not start afresh): past the limit, sign-in is paused for a
while, or until an administrator runs `policytrack users unlock`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack.db import session_scope
from policytrack.models import SignInThrottle, User, utc_now

ROLES = ("editor", "admin")
_RANK = {"viewer": 0, "editor": 1, "admin": 2}
_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
_hasher = PasswordHasher()

# Failed sign-ins before a pause: for one account name, and from one client address (any
# names: someone trying names). Failures older than FORGET no longer count.
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
PAUSE = dt.timedelta(minutes=15)
FORGET = dt.timedelta(hours=24)


class AuthError(ValueError):
    """A login, account or permission problem, in words a user can act on."""


class SignInPaused(AuthError):
    """Too many failed sign-ins for this account or from this address: nothing checked."""


@dataclass(frozen=True)
class Editor:
    """A signed-in person allowed to write, as the write side sees them."""

    name: str
    role: str


def hash_password(password: str) -> str:
    """An argon2 hash of `password` (at least 12 characters)."""
    if len(password) < 12:
        raise AuthError("passwords need at least 12 characters")
    return _hasher.hash(password)


def add_user(
    session: Session, name: str, role: str, password: str | None = None, email: str | None = None
) -> User:
    """Create an account with a hashed password and/or an OIDC e-mail."""
    if not _NAME.match(name):
        raise AuthError("user names are 2–64 letters, digits, '.', '_', '@' or '-'")
    if role not in ROLES:
        raise AuthError(f"role must be one of: {', '.join(ROLES)}")
    if password is None and email is None:
        raise AuthError("give a password (local login) or an e-mail (OIDC login)")
    if session.exec(select(User).where(User.name == name)).first() is not None:
        raise AuthError(f"user {name!r} exists already")
    user = User(
        name=name,
        role=role,
        email=email.lower() if email else None,
        password_hash=hash_password(password) if password is not None else None,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, name: str, password: str) -> Editor:
    """The editor for a correct local name and password; AuthError otherwise (same message
    for an unknown name and a wrong password). A correct password stored under older hash
    parameters is hashed again with the current ones."""
    user = session.exec(select(User).where(User.name == name)).first()
    refused = AuthError("wrong user name or password")
    if user is None or user.retired or not user.password_hash:
        _hasher.hash(password or "x" * 12)  # same cost either way: no timing oracle
        raise refused
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise refused from None
    if _hasher.check_needs_rehash(user.password_hash):
        # A hash made with older (weaker) parameters: only now is the password at hand to
        # hash it anew; it is written with the caller's transaction (a sign-in's commits).
        user.password_hash = _hasher.hash(password)
        session.add(user)
    return Editor(user.name, user.role)


def sign_in(engine: Engine, name: str, password: str, address: str | None = None) -> Editor:
    """A local sign-in, throttled: while the account or the client `address` is paused it
    is refused without looking at the password (SignInPaused); a wrong password counts
    against both (AuthError, saying when a pause begins); a right one clears the account's
    count. Check and count are one write transaction: sign-ins at once cannot slip past."""
    now = utc_now()
    subjects = {"account": name, **({"address": address} if address else {})}
    with session_scope(engine) as session:
        rows = {kind: _throttle(session, kind, subject) for kind, subject in subjects.items()}
        _refuse_paused(rows, now)
        try:
            editor = authenticate(session, name, password)
        except AuthError as error:
            refusal = _count_failure(session, rows, subjects, now, str(error))
        else:
            if rows["account"] is not None:
                session.delete(rows["account"])
            return editor
    raise refusal


def _throttle(session: Session, kind: str, subject: str) -> SignInThrottle | None:
    statement = select(SignInThrottle).where(
        SignInThrottle.kind == kind, SignInThrottle.subject == subject
    )
    return session.exec(statement).first()


def _refuse_paused(rows: dict[str, SignInThrottle | None], now: dt.datetime) -> None:
    for kind, row in rows.items():
        if row is not None and row.paused_until is not None and row.paused_until > now:
            raise SignInPaused(_paused(kind, row))


def _paused(kind: str, row: SignInThrottle) -> str:
    assert row.paused_until is not None
    until = row.paused_until.astimezone(dt.UTC).strftime("%H:%M UTC")
    whose = "this account" if kind == "account" else "your network address"
    lift = (
        f"users unlock {row.subject}"
        if kind == "account"
        else f"users unlock --address {row.subject}"
    )
    return (
        f"too many failed sign-ins for {whose}: sign-in is paused until {until}; an "
        f"administrator can lift the pause with `policytrack {lift}`"
    )


def _count_failure(
    session: Session,
    rows: dict[str, SignInThrottle | None],
    subjects: dict[str, str],
    now: dt.datetime,
    message: str,
) -> AuthError:
    """Count one failed sign-in for each subject; the refusal, saying if a pause began."""
    limits = {"account": ACCOUNT_LIMIT, "address": ADDRESS_LIMIT}
    pauses = []
    for kind, subject in subjects.items():
        row = rows[kind] or SignInThrottle(kind=kind, subject=subject)
        if now - row.last_failure_at > FORGET:
            row.failures = 0
        row.failures, row.last_failure_at = row.failures + 1, now
        if row.failures >= limits[kind]:
            row.failures, row.paused_until = 0, now + PAUSE
            pauses.append(_paused(kind, row))
        session.add(row)
    return AuthError("; ".join([message, *pauses]))


def unlock(session: Session, name: str | None = None, address: str | None = None) -> int:
    """Lift the sign-in pause (and forget the failures) of an account name and/or a client
    address; how many were lifted."""
    lifted = 0
    for kind, subject in (("account", name), ("address", address)):
        row = _throttle(session, kind, subject) if subject else None
        if row is not None:
            session.delete(row)
            lifted += 1
    return lifted


def editor_named(session: Session, name: str) -> Editor | None:
    """The account `name` as it is now (its role may have changed), or None if it is
    gone or retired."""
    user = session.exec(select(User).where(User.name == name)).first()
    if user is None or user.retired:
        return None
    return Editor(user.name, user.role)


def may_edit(editor: Editor | None) -> bool:
    """Whether `editor` holds at least the editor role (a viewer, or an unknown role, not)."""
    return editor is not None and _RANK.get(editor.role, 0) >= _RANK["editor"]


def editor_for_email(session: Session, email: str | None) -> Editor | None:
    """The editor an OIDC-verified e-mail belongs to, or None (a viewer)."""
    if not email:
        return None
    user = session.exec(select(User).where(User.email == email.lower())).first()
    if user is None or user.retired:
        return None
    return Editor(user.name, user.role)


def require(editor: Editor | None, role: str = "editor") -> Editor:
    """`editor` if it holds at least `role`; AuthError for anyone else (viewers included)."""
    if editor is None or _RANK.get(editor.role, 0) < _RANK[role]:
        raise AuthError(f"this needs the {role} role: sign in as an {role}")
    return editor
