"""Contracts of the psychologist and the supervisor, sessions, the calendar, budgets and hour
sheets."""
