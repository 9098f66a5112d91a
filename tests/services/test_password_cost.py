"""The office's accounts get argon2id at the library's recommended cost (RFC 9106's second
choice: 64 MiB, 3 passes, 4 lanes). The suite hashes at the lowest cost (tests/conftest.py,
``use_cheap_password_hashes``), so this is asked of opsdesk as it runs: in a process of its
own, as the app and the CLI hash a password."""

from __future__ import annotations

import subprocess
import sys

from opsdesk.services.account.passwords import verify_password

PASSWORD = "Zażółć gęślą 2026"


def hash_in_a_fresh_process() -> str:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from opsdesk.services.account.passwords import hash_password; "
            "print(hash_password(sys.argv[1]))",
            PASSWORD,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()


def test_a_password_is_hashed_with_argon2id_at_the_recommended_cost():
    stored = hash_in_a_fresh_process()
    algorithm, version, parameters, _salt, _digest = stored.lstrip("$").split("$")
    assert (algorithm, version) == ("argon2id", "v=19")
    assert dict(p.split("=") for p in parameters.split(",")) == {"m": "65536", "t": "3", "p": "4"}
    # a hash carries its cost: one made by the office's opsdesk verifies here, and a wrong
    # password does not
    assert verify_password(stored, PASSWORD)
    assert not verify_password(stored, PASSWORD + "!")
