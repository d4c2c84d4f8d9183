"""One way every command reports a failure: one line on stderr and exit status 2, no traceback.

Kept in one place so the wording operators grep for ("run.py: error: …") cannot drift between
commands.
"""

from __future__ import annotations

import sys

EXIT_USAGE = 2


def fail(message: str) -> int:
    """Print one error line naming what is wrong; return the exit status for it."""
    print(f"run.py: error: {message}", file=sys.stderr)
    return EXIT_USAGE
