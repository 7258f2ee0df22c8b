"""Jobindsats, the national statistics: reading its answers (reader) and asking its API (fetch)."""
