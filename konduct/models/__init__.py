"""Every Konduct table, registered on ``SQLModel.metadata``.

Importing this package sets the naming convention *before* any table is
defined (SQLAlchemy names a constraint when it is attached, so the order
matters), then imports each module so alembic sees every table.

Naming convention -- the database, the models and the migrations agree:

* ``pk_<table>``, ``fk_<table>_<column>_<referred table>``
* ``ix_<table>_<col1>_<col2>...`` and ``uq_<table>_<col1>_<col2>...``
* CHECK constraints have no automatic name: each is named explicitly and in
  full (``ck_<table>_<what>``, as ``konduct.models.base.enum_check`` does), and
  an unnamed CHECK is refused when the table is defined.

Modelling rules kept by every module:

* timestamps are ``timestamptz`` through sqlmodel's ``UTCDateTime``: values
  must be timezone-aware, are stored in UTC, and come back aware (UTC) on
  PostgreSQL *and* SQLite;
* enum columns are ``VARCHAR(32)`` plus a named CHECK (never native enums);
* JSON columns (``JsonType``: JSONB on PostgreSQL) are not mutation-tracked:
  assign a new dict/list instead of editing one in place;
* no ORM relationships: rows refer to each other by id, and the database does
  the cascading (``ON DELETE CASCADE`` / ``SET NULL``).
"""

from sqlmodel import SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from konduct.models.accounts import (  # noqa: E402
    ApiKey,
    EmailVerification,
    MfaRecoveryCode,
    PasswordHistory,
    PasswordReset,
    RetiredRefreshToken,
    User,
    UserBase,
    UserSession,
    default_user_preferences,
)
from konduct.models.audit import AuditLog  # noqa: E402
from konduct.models.billing import BillingHistory, StripeEvent, Subscription  # noqa: E402
from konduct.models.campaign_tools import (  # noqa: E402
    CampaignReportBucket,
    CampaignShare,
    CampaignTemplate,
)
from konduct.models.campaigns import (  # noqa: E402
    Campaign,
    CampaignBase,
    CampaignHistory,
    LinkClick,
    UtmLink,
    UtmLinkBase,
)
from konduct.models.landing import (  # noqa: E402
    AnalyticsEvent,
    ContactRequest,
    ContactRequestBase,
    DemoRequest,
    DemoRequestBase,
    LandingPageAnalytics,
)
from konduct.models.teams import Team, TeamBase, TeamMember, default_team_settings  # noqa: E402
from konduct.models.visitor_requests import ScheduledMail, SupportTicket, TrialSignup  # noqa: E402

__all__ = [
    # accounts
    "User",
    "UserBase",
    "UserSession",
    "PasswordReset",
    "RetiredRefreshToken",
    "EmailVerification",
    "PasswordHistory",
    "MfaRecoveryCode",
    "ApiKey",
    "default_user_preferences",
    # teams
    "Team",
    "TeamBase",
    "TeamMember",
    "default_team_settings",
    # billing
    "Subscription",
    "BillingHistory",
    "StripeEvent",
    # campaigns
    "Campaign",
    "CampaignBase",
    "CampaignHistory",
    "LinkClick",
    "UtmLink",
    "UtmLinkBase",
    "CampaignReportBucket",
    "CampaignShare",
    "CampaignTemplate",
    # landing site
    "DemoRequest",
    "DemoRequestBase",
    "ContactRequest",
    "ContactRequestBase",
    "AnalyticsEvent",
    "LandingPageAnalytics",
    "TrialSignup",
    "SupportTicket",
    "ScheduledMail",
    # audit
    "AuditLog",
]


# Indexes that exist only in migrations: PostgreSQL expression indexes SQLModel cannot
# describe (alembic would otherwise propose dropping them).
UNMODELLED_INDEXES = frozenset({"ix_campaign_name_trgm"})


def include_in_autogenerate(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and name in UNMODELLED_INDEXES)
