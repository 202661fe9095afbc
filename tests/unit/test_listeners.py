"""What every write goes through is registered by an explicit call (`db.register_listeners`),
not by importing a module for its side effect: importing `derived` or `data_version` alone
registers nothing; the call registers each listener once, however often it is made."""

import subprocess
import sys

SCRIPT = """
from sqlalchemy import Engine, event
from sqlmodel import Session
from policytrack import data_version, derived
assert not event.contains(Session, "before_flush", derived._stamp_months)
assert not event.contains(Engine, "commit", data_version._bump_on_commit)
from policytrack import db
db.register_listeners()
db.register_listeners()
assert event.contains(Session, "after_flush", derived._follow_votes)
assert event.contains(Engine, "commit", data_version._bump_on_commit)
hooks = [h for h in Session().dispatch.before_flush if h is derived._stamp_months]
assert len(hooks) == 1, hooks
print("ok")
"""


def test_listeners_are_registered_by_the_call_and_only_once() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
