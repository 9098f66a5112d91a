"""Administration of the office: its profile, staff accounts, teams, regions and reference data."""
