r"""Every button's callback data, built and parsed here and nowhere else.

Callback data is at most 64 bytes, so buttons carry ids (question log id, sample index,
announcement id or confirmation token, sentence key), never text. Each :class:`Action` owns its
prefix, the pattern its ``CallbackQueryHandler`` is registered with, and the parser of its
arguments. Anyone can send any callback data, so the patterns are strict: ASCII digits only
(``\d`` would admit other scripts' digits), at most nine of them (no integer overflow in SQLite
or a log full of tracebacks), tokens of the length we issue; anything else is answered as an
expired button by the catch-all handler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Action:
    prefix: str
    args: str                               # regex of the arguments after "prefix:"
    pattern: re.Pattern[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", re.compile(f"^{re.escape(self.prefix)}:{self.args}$"))

    def data(self, *args: object) -> str:
        data = ":".join((self.prefix, *map(str, args)))
        assert self.pattern.match(data) and len(data.encode()) <= 64, data
        return data

    def parse(self, data: str | None) -> tuple[str, ...] | None:
        """The arguments, or None when ``data`` is not this action's."""
        match = self.pattern.match(data or "")
        return match.groups() if match else None

    def parse_id(self, data: str | None) -> int | None:
        """The first argument as a number (the common case of a single id)."""
        args = self.parse(data)
        return int(args[0]) if args else None


ID = r"([0-9]{1,9})"                                 # a positive row id or index, never huge
TOKEN = r"([A-Za-z0-9_-]{8,32})"                       # secrets.token_urlsafe(9) is 12 characters

ASK_SAMPLE = Action("ask", ID)                        # index into the sample questions
RUNNER_UP = Action("alt", ID)                         # question log id
FEEDBACK = Action("fb", ID + r":(1|-1)")              # question log id, 👍 1 or 👎 -1
SUBSCRIBE = Action("sub", r"(on|off)")
CONFIRM = Action("ann:ok", TOKEN)                     # confirmation token of a draft
DISCARD = Action("ann:no", TOKEN)
CANCEL_SCHEDULED = Action("ann:cancel", ID)           # announcement id
RECALL = Action("ann:recall", ID)
CURATE_ADD = Action("cur:add", ID)                    # question log id
CURATE_EDIT = Action("cur:edit", ID)                  # curated answer id
CURATE_DELETE = Action("cur:del", ID)
RECALL_YES = Action("ann:recall:yes", ID)             # announcement id: the recall confirmed
RECALL_NO = Action("ann:recall:no", ID)
CURATE_USE = Action("cur:use", ID + ":" + ID)         # question log id, curated answer id: attach a phrasing
CURATE_CONFIRM = Action("cur:ok", ID)                 # capture serial (a stale preview's buttons do nothing)
CURATE_REVISE = Action("cur:again", ID)
CURATE_ABORT = Action("cur:no", ID)
PAGE = Action("page", r"(un|cu|sc|an):" + ID)         # list kind, page number
FULL = Action("full", r"(un|cu|sc|an):" + ID)         # list kind, item id: the item's full text
