"""The client register: persons, addresses, regions, households."""
