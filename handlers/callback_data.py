"""Every button's callback data, built and parsed here and nowhere else.

Callback data is at most 64 bytes, so buttons carry ids (question log id, sample index,
announcement id or confirmation token), never text. Each :class:`Action` owns its prefix, the
pattern its ``CallbackQueryHandler`` is registered with, and the parser of its arguments.
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


ASK_SAMPLE = Action("ask", r"(\d+)")                  # index into the sample questions
RUNNER_UP = Action("alt", r"(\d+)")                   # question log id
FEEDBACK = Action("fb", r"(\d+):(1|-1)")              # question log id, 👍 1 or 👎 -1
SUBSCRIBE = Action("sub", r"(on|off)")
CONFIRM = Action("ann:ok", r"([\w-]+)")               # confirmation token of a draft
DISCARD = Action("ann:no", r"([\w-]+)")
CANCEL_SCHEDULED = Action("ann:cancel", r"(\d+)")     # announcement id
RECALL = Action("ann:recall", r"(\d+)")
CURATE_ADD = Action("cur:add", r"(\d+)")              # question log id
CURATE_EDIT = Action("cur:edit", r"(\d+)")            # curated answer id
CURATE_DELETE = Action("cur:del", r"(\d+)")
RECALL_YES = Action("ann:recall:yes", r"(\d+)")   # announcement id: the recall confirmed
RECALL_NO = Action("ann:recall:no", r"(\d+)")
CURATE_USE = Action("cur:use", r"(\d+):(\d+)")    # question log id, curated answer id: attach a phrasing
CURATE_CONFIRM = Action("cur:ok", r"(\d+)")       # capture serial (a stale preview's buttons do nothing)
CURATE_REVISE = Action("cur:again", r"(\d+)")
CURATE_ABORT = Action("cur:no", r"(\d+)")
PAGE = Action("page", r"(un|cu|sc|an):(\d+)")     # list kind, page number
FULL = Action("full", r"(un|cu|sc|an):(\d+)")     # list kind, item id: the item's full text
