"""Terminal control sequences removed whole from untrusted text (questions, console echo).

Dropping only the ESC byte leaves 「[2J劳模有多少」: the parameters stay behind, the question goes
unanswered, and a terminal that echoes it may still act on a partial sequence. CSI (ESC [ … or
the one-byte 0x9B form), OSC (ESC ] … BEL or ESC \\), and two-byte escapes are matched as a
whole; any other control character (except newline and tab) is dropped.
"""

from __future__ import annotations

import re

_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"         # CSI: parameters, intermediates, final byte
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC … BEL / ST
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"   # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"                         # other escapes (ESC c, ESC ( B …)
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """``text`` without terminal control sequences or stray control characters."""
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))
