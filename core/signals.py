"""Signals other apps listen to, so that writes stay in services and reactions stay in their own app."""

from django.dispatch import Signal

# Sent by the quarter_lock service inside its transaction, after the lock is stored.
# Keyword arguments: strategy, quarter (periods.Quarter), user.
quarter_locked = Signal()

# Sent by the quarter_unlock service. Keyword arguments: strategy, quarter, user, reason.
quarter_unlocked = Signal()

# Sent whenever actuals, targets or comparison values change (so cached pages can be dropped).
# Keyword arguments: strategy (or None when unknown).
figures_changed = Signal()
