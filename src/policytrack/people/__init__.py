"""People: one identity for each person across roll calls and positions."""
