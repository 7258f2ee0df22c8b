"""The audit log: every import, approval, lock and target change, with the user, as a structured log line."""

import logging

from django.db import transaction

logger = logging.getLogger("strategy_portal.audit")


def audit(action: str, *, user, **details) -> None:
    """Log once the transaction commits, so a write that was rolled back is never reported as done."""
    username = getattr(user, "username", None) or "anonym"
    fields = {"action": action, "user": username, **{k: str(v) for k, v in details.items()}}
    transaction.on_commit(lambda: logger.info("%s by %s", action, username, extra=fields))
