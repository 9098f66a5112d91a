"""opsdesk — the day of a Polish municipal social welfare centre (OPS) on one desktop."""

__version__ = "0.1.0"
