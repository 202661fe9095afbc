"""The editor's write side for the records around a vote: positions, stakeholders, sources
and vote↔agreement links. Like `policytrack.services` (votes), every change checks the
editor's role, validates, refuses a save made against a record that changed since the
editor loaded it, and is written to the audit log with the record before and after."""
