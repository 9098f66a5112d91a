"""Walking the permission matrix (docs/roles.md): one service call, every role.

    from safety.matrix import assert_roles
    assert_roles(make_person, lambda s: s.retention.preview(), Action.RETENTION_ANONYMISE)

A role is *refused* when the call raises ``PermissionDenied`` (whose message is a Polish
sentence); anything else — a result, NotFound, a ValidationError — means the permission gate
let it through. ``allowed`` is an ``Action`` (the roles of ``PERMISSIONS`` holding it) or an
explicit set of roles, for calls narrowed further by the service (own team, own clients).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from opsdesk.domain.roles import PERMISSIONS, Action, Role
from opsdesk.errors import PermissionDenied

TEAM_OF_ROLE = {
    Role.CLERK: "first_contact",
    Role.SOCIAL_WORKER: "social_work",
    Role.SERVICES_WORKER: "social_work",
    Role.MANAGER: None,
}


def roles_with(action: Action) -> frozenset[Role]:
    return frozenset(role for role, actions in PERMISSIONS.items() if action in actions)


def outcome(call: Callable[[object], object], services) -> str:
    try:
        call(services)
    except PermissionDenied as error:
        assert str(error) and str(error).isprintable(), repr(error)
        return "refused"
    except Exception:  # past the gate: the call itself may still reject its input
        return "allowed"
    return "allowed"


def walk(
    make_person, call: Callable[[object], object], roles: Iterable[Role] = tuple(Role)
) -> dict[Role, str]:
    """{role: "allowed" | "refused"} for a new person of each role."""
    return {role: outcome(call, make_person(role, TEAM_OF_ROLE.get(role))) for role in roles}


def assert_roles(
    make_person, call: Callable[[object], object], allowed: Action | Iterable[Role]
) -> None:
    expected_allowed = roles_with(allowed) if isinstance(allowed, Action) else frozenset(allowed)
    found = walk(make_person, call)
    expected = {role: "allowed" if role in expected_allowed else "refused" for role in Role}
    assert found == expected


def assert_anonymous_refused(services, call: Callable[[object], object]) -> None:
    """Nobody logged in: refused too."""
    assert outcome(call, services.as_actor(None)) == "refused"
