"""The idle lock of the main window: recorded in the audit log; only the same person unlocks.

A wrong password counts towards the account's lock-out like a failed login (it is one).
"""

from __future__ import annotations

from opsdesk.errors import AuthenticationError, PermissionDenied
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.account.auth import AuthService
from opsdesk.services.context import Actor, Service


class ScreenLockService(Service):
    def _actor(self) -> Actor:
        if self.ctx.actor is None:
            raise PermissionDenied()
        return self.ctx.actor

    def locked(self, reason: str = "idle") -> None:
        actor = self._actor()
        with self.db.transaction() as session:
            audit.record(session, self.ctx, "screen_lock", "staff", actor.id, reason)

    def unlock(self, password: str) -> None:
        """Unlock for the person who is logged in; AuthenticationError otherwise."""
        actor = self._actor()
        if not password:
            raise AuthenticationError(_("Enter your password."))
        person = AuthService(self.ctx).login(actor.login, password)
        if person.id != actor.id:  # the login was given to another account meanwhile
            raise AuthenticationError(_("Wrong login or password."))
        with self.db.transaction() as session:
            audit.record(session, self.ctx, "screen_unlock", "staff", actor.id)
