"""The deterministic demo office: a fictional Polish OPS with two years of history.

``build_demo_office`` (in ``builder``) fills an empty database in one transaction; the
accounts are listed in ``accounts.DEMO_ACCOUNTS``. Everything is generated from fixed random
seeds, with dates relative to today.
"""
