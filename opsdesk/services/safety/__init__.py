"""Backups and restore, retention (anonymising clients past their period)."""
