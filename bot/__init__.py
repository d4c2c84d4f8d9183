"""Wiring: configuration, user-facing texts, storage, announcements, console and Telegram app."""

import os

# python-telegram-bot 22 moves time periods (e.g. RetryAfter.retry_after) to datetime.timedelta and
# warns on every flood-control error until a program opts in; we use the new form.
os.environ.setdefault("PTB_TIMEDELTA", "1")
