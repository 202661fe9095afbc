"""The Edit page's position, stakeholder, source and agreement-link forms through AppTest on
a real database: viewers get none of them; an editor's bad input is refused with the message
right under the field it concerns and nothing written; good input is saved; a stale save is
refused with who and when; hostile text in a quote shows literally."""

import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from policytrack.auth import Editor
from policytrack.edits.links import vote_link
from policytrack.edits.positions import edit_position, position_as_edit, positions_on
from policytrack.edits.sources import source_as_input
from policytrack.edits.stakeholders import edit_stakeholder, stakeholder_as_input
from policytrack.models import Agency, Agreement, AuditEntry, Source, VoteEvent
from policytrack.vocab import AgreementStatus, Model287g

from tests.app.conftest import APP, edit_page, sign_in

MIAMI = "fl-miami-2025-06-17"
KING = "fl-miami-2025-06-17|christine-king||oppose|https://305accident.net/?p=3526"
STORY = "https://305accident.net/?p=3526"
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))"
NEW = f"position-new-{MIAMI}"
WRITE_LABELS = {
    "Add position", "Save position", "Retire position", "Save link", "Add stakeholder",
    "Save stakeholder", "Add source", "Save source", "Revert",
}  # fmt: skip


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return edit_page(seeded_engine, monkeypatch)


def click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def with_vote(at: AppTest) -> AppTest:
    sign_in(at.run())
    return at.text_input(key="vote").input(MIAMI).run()


def elements(node: Any) -> list[Any]:
    """Every element of the page in drawing order (blocks opened)."""
    found = []
    for _, child in sorted(getattr(node, "children", {}).items()):
        found += elements(child) if hasattr(child, "children") else [child]
    return found


def error_under(at: AppTest, key: str) -> str:
    """The message drawn right under the widget `key` (fails if none is)."""
    page = elements(at.main)
    index = next(i for i, e in enumerate(page) if getattr(e, "key", None) == key)
    following = page[index + 1]
    assert following.type == "error", f"no error under {key}: {following.type} follows it"
    return unescaped(following.value)


def unescaped(markdown: str) -> str:
    """Alert text as a reader sees it: the page backslash-escapes text from outside, and
    sets URLs in it as inline code."""
    parts = re.split(r"(`+) ?(.*?) ?\1", markdown)
    shown = []
    for index in range(0, len(parts), 3):
        shown.append(re.sub(r"\\(.)", r"\1", parts[index]))
        if index + 2 < len(parts):
            shown.append(parts[index + 2])
    return "".join(shown)


def audit_count(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(AuditEntry)).all())


def test_viewers_get_none_of_the_forms_even_by_url(app: AppTest) -> None:
    app.query_params["vote"] = MIAMI
    app.run()
    assert not app.exception
    assert not WRITE_LABELS & {b.label for b in app.button}
    prefixes = ("position-", "stakeholder-", "source-", "link-")
    widgets = [*app.text_input, *app.text_area, *app.selectbox, *app.radio, *app.date_input]
    assert not [w.key for w in widgets if str(w.key or "").startswith(prefixes)]


# ── positions ─────────────────────────────────────────────────────────────────────────


def test_a_bad_position_is_refused_under_its_fields_and_nothing_is_written(
    app: AppTest, seeded_engine: Engine
) -> None:
    with_vote(app)
    before = audit_count(seeded_engine)
    app.selectbox(key=f"{NEW}-stakeholder").set_value("city-of-miami")
    app.selectbox(key=f"{NEW}-stance").set_value("support")
    app.text_area(key=f"{NEW}-sources").input("javascript:alert(1)")
    click(app, "Add position")
    assert not app.exception
    assert "http:// or https://" in error_under(app, f"{NEW}-sources")
    assert "summary or a quote" in error_under(app, f"{NEW}-summary")  # neither was given
    app.text_area(key=f"{NEW}-sources").input("https://www.wlrn.org/a")
    app.text_input(key=f"{NEW}-stakeholder-key").input("no-such-group")
    app.text_area(key=f"{NEW}-quote").input("We support it.")
    click(app, "Add position")
    assert "no stakeholder with key 'no-such-group'" in error_under(app, f"{NEW}-stakeholder-key")
    assert audit_count(seeded_engine) == before
    with Session(seeded_engine) as session:
        assert (
            session.exec(select(Source).where(Source.key == "https://www.wlrn.org/a")).first()
            is None
        )


def test_a_hostile_quote_is_saved_and_shown_literally(app: AppTest, seeded_engine: Engine) -> None:
    with_vote(app)
    app.selectbox(key=f"{NEW}-stakeholder").set_value("city-of-miami")
    app.selectbox(key=f"{NEW}-stance").set_value("support")
    app.text_input(key=f"{NEW}-speaker").input("Francis Suarez")
    app.text_area(key=f"{NEW}-quote").input(HOSTILE)
    app.date_input(key=f"{NEW}-said-on").set_value(dt.date(2025, 6, 17))
    app.text_area(key=f"{NEW}-sources").input(f"{STORY}\nhttps://www.wlrn.org/a")
    click(app, "Add position")
    assert not app.exception and any("Added" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        [added] = [p for p in positions_on(session, MIAMI) if p["quote"] == HOSTILE]
        item, _, _ = position_as_edit(session, added["key"])
    assert item.sources == [STORY, "https://www.wlrn.org/a"] and item.said_on == dt.date(
        2025, 6, 17
    )
    app.run()
    tables = [d.value for d in app.dataframe]
    assert any(HOSTILE in t.astype(str).to_numpy().ravel().tolist() for t in tables)
    assert not [m.value for m in app.markdown if "javascript" in m.value or "<img" in m.value]
    record = AppTest.from_file(APP, default_timeout=60)
    record.switch_page("app_pages/record.py")
    record.query_params["vote"] = MIAMI
    record.run()
    assert f"“{HOSTILE}”" in [t.value for t in record.text]
    assert not [m.value for m in record.markdown if "javascript" in m.value or "<img" in m.value]


def test_an_editor_edits_a_position_and_a_stale_save_names_who(
    app: AppTest, seeded_engine: Engine
) -> None:
    with_vote(app)
    app.selectbox(key=f"position-pick-{MIAMI}").set_value(KING).run()
    app.selectbox(key=f"position-{KING}-stance").set_value("mixed")
    click(app, "Save position")
    assert any("Saved" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        item, version, _ = position_as_edit(session, KING)
        assert (str(item.stance), version) == ("mixed", 2)
    app.run()  # loads version 2; then bob saves first
    with Session(seeded_engine) as session:
        edit_position(
            session, Editor("bob", "editor"), KING, item.model_copy(update={"quote": "bob"}), 2
        )
        session.commit()
    app.text_area(key=f"position-{KING}-quote").input("alice")
    click(app, "Save position")
    assert any("changed by bob at" in e.value and "reload" in e.value for e in app.error)
    with Session(seeded_engine) as session:
        assert position_as_edit(session, KING)[0].quote == "bob"
    click(app, "Reload")
    assert app.text_area(key=f"position-{KING}-quote").value == "bob"


def test_an_editor_retires_a_position(app: AppTest, seeded_engine: Engine) -> None:
    with_vote(app)
    app.selectbox(key=f"position-pick-{MIAMI}").set_value(KING).run()
    app.text_input(key=f"position-{KING}-retire-reason").input("duplicate").run()
    click(app, "Retire position")
    assert not app.exception
    with Session(seeded_engine) as session:
        assert position_as_edit(session, KING)[2] is True


# ── stakeholders ──────────────────────────────────────────────────────────────────────


def test_stakeholders_are_added_and_renamed_with_errors_under_the_field(
    app: AppTest, seeded_engine: Engine
) -> None:
    sign_in(app.run())
    before = audit_count(seeded_engine)
    app.text_input(key="stakeholder-new-name").input("!!!")
    app.selectbox(key="stakeholder-new-kind").set_value("union")
    click(app, "Add stakeholder")
    assert "letters or digits" in error_under(app, "stakeholder-new-name")
    assert audit_count(seeded_engine) == before
    app.text_input(key="stakeholder-new-name").input(HOSTILE)
    click(app, "Add stakeholder")
    assert any("Added" in s.value for s in app.success)
    app.selectbox(key="stakeholder-pick").set_value("christine-king").run()
    app.text_input(key="stakeholder-christine-king-name").input("Commissioner Christine King")
    click(app, "Save stakeholder")
    with Session(seeded_engine) as session:
        assert stakeholder_as_input(session, "christine-king").name == "Commissioner Christine King"
        assert (
            stakeholder_as_input(
                session, "script-alert-1-script-img-src-x-onerror-alert-2-x-javascript-alert-3"
            ).name
            == HOSTILE
        )
    assert not [m.value for m in app.markdown if "javascript" in m.value or "<img" in m.value]


def test_a_hostile_key_typed_by_an_editor_is_shown_as_text(app: AppTest) -> None:
    sign_in(app.run())
    app.text_input(key="stakeholder-key").input(
        "[x](javascript:alert(1)) <img src=x onerror=alert(2)>"
    )
    app.run()
    [warning] = app.warning
    assert not re.search(r"(?<!\\)[<\[\]()]", warning.value)  # every one escaped: no tag, no link
    assert "no stakeholder with key '[x](javascript:alert(1)) <img" in unescaped(warning.value)


def test_a_stale_stakeholder_save_names_who(app: AppTest, seeded_engine: Engine) -> None:
    sign_in(app.run())
    app.selectbox(key="stakeholder-pick").set_value("christine-king").run()
    with Session(seeded_engine) as session:
        loaded = stakeholder_as_input(session, "christine-king")
        edit_stakeholder(
            session, Editor("bob", "editor"), loaded, loaded.model_copy(update={"name": "bob"})
        )
        session.commit()
    app.text_input(key="stakeholder-christine-king-name").input("alice")
    click(app, "Save stakeholder")
    assert any("changed by bob at" in e.value and "reload" in e.value for e in app.error)
    with Session(seeded_engine) as session:
        assert stakeholder_as_input(session, "christine-king").name == "bob"


# ── sources ───────────────────────────────────────────────────────────────────────────


def test_sources_are_added_and_corrected_with_errors_under_the_field(
    app: AppTest, seeded_engine: Engine
) -> None:
    sign_in(app.run())
    before = audit_count(seeded_engine)
    app.text_input(key="source-new-url").input(" JavaScript:alert(1)")
    click(app, "Add source")
    assert "http:// or https://" in error_under(app, "source-new-url")
    assert audit_count(seeded_engine) == before
    app.text_input(key="source-new-url").input("https://www.wlrn.org/b")
    app.text_input(key="source-new-title").input(HOSTILE)
    click(app, "Add source")
    assert any("Added" in s.value for s in app.success)
    app.selectbox(key="source-pick").set_value(STORY).run()
    app.text_input(key=f"source-{STORY}-url").input("data:text/html,x")
    click(app, "Save source")
    assert "http:// or https://" in error_under(app, f"source-{STORY}-url")
    app.text_input(key=f"source-{STORY}-url").input(STORY)
    app.text_input(key=f"source-{STORY}-title").input("Miami votes on 287(g)")
    click(app, "Save source")
    with Session(seeded_engine) as session:
        assert source_as_input(session, STORY).title == "Miami votes on 287(g)"
        assert source_as_input(session, "https://www.wlrn.org/b").title == HOSTILE


# ── agreement links ───────────────────────────────────────────────────────────────────


@pytest.fixture
def agreement(seeded_engine: Engine) -> str:
    with Session(seeded_engine) as session:
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
        agency = Agency(key="FL|miami police", name="Miami Police Department", state="FL",
                        jurisdiction_id=vote.jurisdiction_id)  # fmt: skip
        session.add(agency)
        session.flush()
        session.add(
            Agreement(
                key="fl-miami-pd-tf", agency_id=agency.id or 0, state="FL",
                model=Model287g.TASK_FORCE, signed_on=dt.date(2025, 7, 1),
                status=AgreementStatus.ACTIVE, sources=[Source(key="https://www.ice.gov/x")],
            )
        )  # fmt: skip
        session.commit()
    return "fl-miami-pd-tf"


def test_an_editor_links_a_vote_by_hand(
    app: AppTest, seeded_engine: Engine, agreement: str
) -> None:
    with_vote(app)
    app.text_input(key=f"link-{MIAMI}-key").input("no-such-agreement")
    click(app, "Save link")
    assert "no agreement with key 'no-such-agreement'" in error_under(app, f"link-{MIAMI}-key")
    with Session(seeded_engine) as session:
        assert vote_link(session, MIAMI).how is None
    app.text_input(key=f"link-{MIAMI}-key").input("")
    app.selectbox(key=f"link-{MIAMI}-pick").set_value(agreement)
    click(app, "Save link")
    assert not app.exception
    with Session(seeded_engine) as session:
        assert (vote_link(session, MIAMI).agreement, vote_link(session, MIAMI).how) == (
            agreement,
            "manual",
        )
    app.radio(key=f"link-{MIAMI}-what").set_value("Keep unlinked (no agreement)")
    click(app, "Save link")
    with Session(seeded_engine) as session:
        assert (vote_link(session, MIAMI).agreement, vote_link(session, MIAMI).how) == (
            None,
            "manual",
        )


def test_the_vote_record_shows_who_edited_its_positions(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version, _ = position_as_edit(session, KING)
        changed = item.model_copy(update={"quote": HOSTILE})
        edit_position(session, Editor("bob", "editor"), KING, changed, version)
        session.commit()
    record = AppTest.from_file(APP, default_timeout=60)
    record.switch_page("app_pages/record.py")
    record.query_params["vote"] = MIAMI
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
        record.run()
    assert not record.exception
    [history] = [e for e in record.expander if e.label.startswith("History of edits")]
    assert history.label == "History of edits (1)"
    [table] = history.dataframe
    row = table.value.iloc[0]
    assert (row["who"], row["what"], row["fields changed"]) == ("bob", "position: update", "quote")


def test_an_editor_reverts_a_change_to_a_position(app: AppTest, seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version, _ = position_as_edit(session, KING)
        edit_position(
            session,
            Editor("bob", "editor"),
            KING,
            item.model_copy(update={"quote": "bob"}),
            version,
        )
        session.commit()
    with_vote(app)
    app.button(key=f"positions-{MIAMI}-revert").click().run()
    assert not app.exception and any("undone" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        restored, now, _ = position_as_edit(session, KING)
    assert (restored, now) == (item, version + 2)
