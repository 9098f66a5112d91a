"""Passwords of the people the test fixtures create."""

ADMIN_PASSWORD = "admin-haslo-123"
STAFF_PASSWORD = "pracownik-haslo-1"
