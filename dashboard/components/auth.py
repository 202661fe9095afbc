"""Sign-in for editors. Viewing needs none. With an identity provider configured in
`.streamlit/secrets.toml` ([auth]), `st.login` (OIDC) is offered and the verified e-mail is
mapped to an editor account; otherwise local accounts (`policytrack users add`). Without the
editor role no write widget is drawn at all: the account is read afresh on every run, so a
role taken away or an account retired takes effect at once. Failed local sign-ins are
throttled per account and per client address in the database (`policytrack.auth`). If OIDC
is configured but cannot work (Authlib missing), sign-in fails closed."""

from __future__ import annotations

import streamlit as st

from policytrack.auth import AuthError, Editor, editor_for_email, editor_named, may_edit, sign_in
from policytrack.config import Settings
from policytrack.edits.transactions import DatabaseBusy, waiting

import data
from components.links import escape_markdown

_SIGNED_IN = "editor_name"  # the local account signed in; its role is read on every run


def current_editor() -> Editor | None:
    """The signed-in account of this browser session as it is now, or None for a viewer."""
    name = st.session_state.get(_SIGNED_IN)
    if isinstance(name, str):
        with data.session() as session:
            editor = editor_named(session, name)
        if editor is None:  # retired or removed meanwhile
            st.session_state.pop(_SIGNED_IN, None)
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
    with data.session() as session:
        return editor_for_email(session, str(email) if email else None)


def sign_in_panel() -> Editor | None:
    """The sign-in form (or who is signed in, with sign-out); returns the editor if any.
    An account without the editor role is told so and gets nothing that writes."""
    editor = current_editor()
    if editor is not None:
        left, right = st.columns([4, 1])
        left.caption(f"Signed in as {escape_markdown(editor.name)} ({editor.role}).")
        if right.button("Sign out", key="sign-out"):
            st.session_state.pop(_SIGNED_IN, None)
            if _oidc_configured():
                st.logout()
            st.rerun()
        if not may_edit(editor):
            st.warning(
                f"The account {escape_markdown(editor.name)} may view but not edit (its role "
                f"is {escape_markdown(editor.role)}): an administrator can make it an editor.",
                icon=":material/lock:",
            )
            return None
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
    with st.form("sign-in", clear_on_submit=True):
        st.subheader("Editor sign-in")
        name = st.text_input("User name", key="login-name", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="login-password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in")
    if not submitted:
        return
    engine = data.engine(data.database_url())
    address = st.context.ip_address  # None from this machine (and a stand-in under AppTest)
    try:
        # Counting sign-ins is a write: it waits for another write no longer than a save.
        with waiting(patience=Settings().edit_wait_seconds):
            editor = sign_in(
                engine, name.strip(), password, address if isinstance(address, str) else None
            )
    except (AuthError, DatabaseBusy) as error:
        st.error(escape_markdown(error))
        return
    st.session_state[_SIGNED_IN] = editor.name
    st.rerun()
