"""First run, login, password change, lock screen, local settings."""
