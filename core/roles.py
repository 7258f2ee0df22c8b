"""The portal's three roles, as Django groups."""

COMMITTEE_MEMBER = "Udvalgsmedlem"
MANAGER = "Afdelingsleder"
ADMINISTRATOR = "Administrator"

ALL_ROLES = (COMMITTEE_MEMBER, MANAGER, ADMINISTRATOR)
