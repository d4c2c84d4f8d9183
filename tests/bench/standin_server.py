"""The Bot API stand-in in its own process, so a benchmark's bot process is measured alone.

Prints its base URL, serves until a line arrives on standard input, then prints what it counted
as one JSON line: copies per chat, 429s, paid and free sends and the span of the paid ones.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.standin import StandIn  # noqa: E402


async def serve(paid_limit: int) -> None:
    standin = await StandIn(limits=True, paid_limit=paid_limit).start()
    print(standin.url, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    paid = [m["at"] for m in standin.sent if m["paid"]]
    copies = Counter(m["chat"]["id"] for m in standin.sent)
    await standin.stop()
    print(json.dumps({"sent": len(standin.sent), "paid": len(paid), "rejected_429": standin.rejected_429,
                      "copies": {str(k): v for k, v in copies.items()},
                      "paid_span_s": (max(paid) - min(paid)) if len(paid) > 1 else 0.0,
                      "cpu_s": sum(resource.getrusage(resource.RUSAGE_SELF)[:2])}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paid-limit", type=int, default=1000)
    asyncio.run(serve(parser.parse_args().paid_limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
