"""Alembic migration scripts, shipped inside the package and run from code."""
