"""Developer tools run from a source checkout (never part of the installed package)."""
