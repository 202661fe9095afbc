"""Offline US geography: gazetteer of states, counties and places (data/geo/*.csv)."""

from policytrack.geo.gazetteer import Gazetteer, load_gazetteer
from policytrack.geo.models import County, Match, MatchStatus, Place, State

__all__ = ["County", "Gazetteer", "Match", "MatchStatus", "Place", "State", "load_gazetteer"]
