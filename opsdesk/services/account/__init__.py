"""Logging in, first run, passwords and the idle lock."""
