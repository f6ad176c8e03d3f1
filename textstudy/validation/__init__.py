"""Validation helpers: scripts that check textstudy's measures against real, external text."""
