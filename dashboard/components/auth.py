"""Sign-in for editors. Viewing needs none. With an identity provider configured in
`.streamlit/secrets.toml` ([auth]), `st.login` (OIDC) is offered and the verified e-mail is
mapped to an editor account; otherwise local accounts (`policytrack users add`). Without the
editor role no write widget is drawn at all. If OIDC is configured but cannot work (Authlib
missing), sign-in fails closed."""

from __future__ import annotations

import time

import streamlit as st
from sqlmodel import Session

from policytrack.auth import AuthError, Editor, authenticate, editor_for_email

import data

_EDITOR = "editor_identity"
_FAILURES = "editor_failed_logins"
MAX_FAILURES = 5  # per session, then a pause: slows password guessing


def current_editor() -> Editor | None:
    """The signed-in editor of this browser session, or None for a viewer."""
    editor = st.session_state.get(_EDITOR)
    if isinstance(editor, Editor):
        return editor
    return _oidc_editor()


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _oidc_editor() -> Editor | None:
    if not _oidc_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
    except Exception:  # misconfigured OIDC: fail closed, as a viewer
        return None
    with Session(data.engine(data.database_url())) as session:
        return editor_for_email(session, str(email) if email else None)


def sign_in_panel() -> Editor | None:
    """The sign-in form (or who is signed in, with sign-out); returns the editor if any."""
    editor = current_editor()
    if editor is not None:
        left, right = st.columns([4, 1])
        left.caption(f"Signed in as {editor.name} ({editor.role}).")
        if right.button("Sign out", key="sign-out"):
            st.session_state.pop(_EDITOR, None)
            if _oidc_configured():
                st.logout()
            st.rerun()
        return editor
    if _oidc_configured():
        _oidc_button()
    _local_form()
    return None


def _oidc_button() -> None:
    if st.button("Sign in with your organisation", key="oidc-login"):
        try:
            st.login()
        except Exception as error:  # e.g. Authlib missing: say so, stay a viewer
            st.error(f"Sign-in with the identity provider is not available: {type(error).__name__}")


def _local_form() -> None:
    failures = int(st.session_state.get(_FAILURES, 0))
    with st.form("sign-in", clear_on_submit=True):
        st.subheader("Editor sign-in")
        name = st.text_input("User name", key="login-name", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="login-password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in")
    if not submitted:
        return
    if failures >= MAX_FAILURES:
        time.sleep(2)  # throttle guessing within a session
    with Session(data.engine(data.database_url())) as session:
        try:
            st.session_state[_EDITOR] = authenticate(session, name.strip(), password)
        except AuthError as error:
            st.session_state[_FAILURES] = failures + 1
            st.error(str(error))
            return
    st.session_state.pop(_FAILURES, None)
    st.rerun()
