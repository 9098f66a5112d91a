"""The database: SQLAlchemy models, engine, migrations, backups."""
