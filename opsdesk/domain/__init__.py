"""Pure rules of the office: no Qt, no database."""
