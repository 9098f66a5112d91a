"""Use cases: the only door to data, with permissions, audit and transactions. No Qt."""
