"""What printed reports need, as plain data, with the permission checks of each."""
