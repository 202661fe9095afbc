"""Who may edit. Viewing needs no account; editing needs the editor role (admins may also
manage users). Local accounts keep an argon2 hash, never the password; OIDC identities
(Streamlit's `st.login`) are mapped to accounts by e-mail. Anything unknown is refused:
the write side fails closed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, select

from policytrack.models import User

ROLES = ("editor", "admin")
_RANK = {"viewer": 0, "editor": 1, "admin": 2}
_NAME = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
_hasher = PasswordHasher()


class AuthError(ValueError):
    """A login, account or permission problem, in words a user can act on."""


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
    for an unknown name and a wrong password)."""
    user = session.exec(select(User).where(User.name == name)).first()
    refused = AuthError("wrong user name or password")
    if user is None or user.retired or not user.password_hash:
        _hasher.hash(password or "x" * 12)  # same cost either way: no timing oracle
        raise refused
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise refused from None
    return Editor(user.name, user.role)


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
