"""Closed sets of values named by the spec.

The database keeps these as text with a CHECK constraint (see
``konduct.models.base.enum_check``), so adding a member means a migration.
"""

from enum import StrEnum


class UserRole(StrEnum):
    ADMIN = "ADMIN"
    MANAGER = "MANAGER"
    USER = "USER"


class UserStatus(StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    SUSPENDED = "SUSPENDED"


class Theme(StrEnum):
    LIGHT = "LIGHT"
    DARK = "DARK"
    SYSTEM = "SYSTEM"


class ApiKeyStatus(StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class TeamRole(StrEnum):
    ADMIN = "ADMIN"
    MANAGER = "MANAGER"
    MEMBER = "MEMBER"


class MemberStatus(StrEnum):
    INVITED = "INVITED"
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class Plan(StrEnum):
    FREE = "FREE"
    PROFESSIONAL = "PROFESSIONAL"
    ENTERPRISE = "ENTERPRISE"


class SubscriptionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"


class BillingCycle(StrEnum):
    MONTHLY = "MONTHLY"
    ANNUAL = "ANNUAL"


class PaymentMethodType(StrEnum):
    CREDIT_CARD = "CREDIT_CARD"
    PAYPAL = "PAYPAL"
    BANK_TRANSFER = "BANK_TRANSFER"


class PaymentStatus(StrEnum):
    PENDING = "PENDING"
    PAID = "PAID"
    FAILED = "FAILED"
    REFUNDED = "REFUNDED"


class CampaignStatus(StrEnum):
    DRAFT = "DRAFT"
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    COMPLETED = "COMPLETED"


class CampaignAction(StrEnum):
    """What a CampaignHistory row records. The spec's five plus the lifecycle
    steps the product adds (complete, archive, restore)."""

    CREATE = "CREATE"
    UPDATE = "UPDATE"
    PAUSE = "PAUSE"
    RESUME = "RESUME"
    COMPLETE = "COMPLETE"
    ARCHIVE = "ARCHIVE"
    RESTORE = "RESTORE"
    DELETE = "DELETE"


class Gender(StrEnum):
    MALE = "MALE"
    FEMALE = "FEMALE"
    ALL = "ALL"


class Device(StrEnum):
    DESKTOP = "DESKTOP"
    MOBILE = "MOBILE"
    TABLET = "TABLET"
    ALL = "ALL"


class DemoStatus(StrEnum):
    PENDING = "PENDING"
    SCHEDULED = "SCHEDULED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class ContactStatus(StrEnum):
    NEW = "NEW"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"


class AnalyticsEventType(StrEnum):
    PAGE_VIEW = "PAGE_VIEW"
    CTA_CLICK = "CTA_CLICK"
    TRIAL_SIGNUP = "TRIAL_SIGNUP"
    DEMO_REQUEST = "DEMO_REQUEST"
    CONTACT_REQUEST = "CONTACT_REQUEST"
    WEB_VITAL = "WEB_VITAL"
    ENGAGEMENT = "ENGAGEMENT"  # time a page was in view, sent when the visitor leaves it
