"""Signals other apps listen to, so that writes stay in services and reactions stay in their own app."""

from django.dispatch import Signal

# Sent by the quarter_lock service inside its transaction, after the lock is stored.
# Keyword arguments: strategy, quarter (periods.Quarter), user.
quarter_locked = Signal()

# Sent by the quarter_unlock service. Keyword arguments: strategy, quarter, user, reason.
quarter_unlocked = Signal()

# Sent by every service (and every admin save) that changes what the pages show: actuals, targets, official
# values, locks, the strategy's texts and structure, the briefing's texts. Sent inside the writer's
# transaction, so that the pages drawn from it are stale exactly when the change is committed. The sender is
# the model changed; no keyword arguments.
figures_changed = Signal()
