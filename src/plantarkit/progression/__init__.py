"""Phases, gates, protocols, pain rules and the progression engine (coming in a later release)."""
