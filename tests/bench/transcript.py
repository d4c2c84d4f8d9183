"""Print a transcript of a real session against the Bot API stand-in, for the README.

Run: .venv/bin/python tests/bench/transcript.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests import updates as u  # noqa: E402
from tests.bench.bench_bot import _started, _stop  # noqa: E402
from tests.standin import StandIn  # noqa: E402


def show(who: str, text: str) -> None:
    print(f"{who}:")
    print("\n".join("    " + line for line in text.splitlines()))


def buttons(message: dict) -> str:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return " ".join(f"[{b['text']}]" for row in rows for b in row)


async def main() -> None:
    standin = await StandIn().start()
    with tempfile.TemporaryDirectory() as folder:
        deps, application = await _started(Path(folder), standin, polling=True)
        print("Private chat")
        standin.push(u.message(501, "鲁班工匠日是哪天"))
        reply = await standin.next_message(501)
        show("worker", "鲁班工匠日是哪天")
        show("bot (HTML)", reply["html"] + "\n" + buttons(reply))
        print("\nGroup chat (the bot is @luban_test_bot)")
        standin.push(u.message(-100777, "今天食堂吃什么", user_id=601))
        standin.push(u.mention(-100777, "这次表彰了多少劳动模范", user_id=601))
        reply = await standin.next_message(-100777)
        show("worker A", "今天食堂吃什么")
        show("bot", "(stays silent: not addressed)")
        show("worker A", "@luban_test_bot 这次表彰了多少劳动模范")
        show("bot (reply to worker A, HTML)", reply["html"] + "\n" + buttons(reply))
        print("\nNo answer")
        standin.push(u.message(502, "医保卡丢了怎么补办"))
        reply = await standin.next_message(502)
        show("worker", "医保卡丢了怎么补办")
        show("bot", reply["text"] + "\n" + buttons(reply))
        print("\nInline mode")
        standin.push(u.inline(503, "许振超会来做什么"))
        await standin.wait_for(lambda: standin.inline_answers)
        show("worker types", "@luban_test_bot 许振超会来做什么")
        for result in standin.inline_answers[-1]["results"]:
            show("  offered", f"{result['title']}\n{result['description']}")
        await _stop(deps, application, polling=True)
    await standin.stop()


if __name__ == "__main__":
    asyncio.run(main())
