"""Konduct's own people: the site's admin pages and staff-only endpoints ask here."""

from __future__ import annotations

from konduct.domain.errors import DomainError
from konduct.domain.permissions import PermissionDenied
from konduct.services.auth import AuthContext
from konduct.settings import Settings


class StaffOnly(PermissionDenied):
    """Answered as 403: the page or endpoint is for Konduct staff (STAFF_EMAILS)."""

    def __init__(self) -> None:
        self.role, self.action = None, None
        DomainError.__init__(self, "Only Konduct staff may see this.")


def is_staff(ctx: AuthContext | None, settings: Settings) -> bool:
    return ctx is not None and settings.is_staff(ctx.user.email)


def require_staff(ctx: AuthContext, settings: Settings) -> None:
    if not is_staff(ctx, settings):
        raise StaffOnly()
