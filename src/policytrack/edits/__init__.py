"""The editor's write side, one home for every write a person makes: votes, positions,
stakeholders, sources, vote↔agreement links, place look-ups and uploaded files. Every
change checks the editor's role, validates, refuses a save made against a record that
changed since the editor loaded it (`guards`), and is written to the audit log with the
record before and after (`audit`)."""
