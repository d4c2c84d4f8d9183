"""Console chat: the bot's answers in a terminal, for trying it out without a Telegram token."""

from __future__ import annotations

import sys
from typing import TextIO

from bot import texts
from bot.render import answer_plain
from bot.sanitize import strip_control
from bot.services.knowledge import KnowledgeService


def run_console(service: KnowledgeService, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    # the streams as they are when called (run.py has wrapped them to scrub the token by then),
    # not as they were when this module was first imported
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    interactive = stdin.isatty()
    if interactive:
        import readline  # noqa: F401  (line editing and history for input())
    print(texts.CONSOLE_WELCOME.format(name=texts.BOT_NAME), file=stdout)
    if service.samples:
        print(texts.NO_ANSWER_SUGGEST + " / ".join(service.samples[:3]), file=stdout)
    while True:
        if interactive:
            try:
                line = input("\n> ") + "\n"
            except EOFError:
                break
        else:
            line = stdin.readline()
        if not line:
            break
        question = strip_control(line).strip()  # ESC [ 2 J … never reaches the engine or the echo
        if not question:
            continue
        if question in ("/quit", "/exit", "/q"):
            break
        if question in ("/help", "/start"):
            print(texts.CONSOLE_HELP, file=stdout)
            continue
        if question.startswith("/") and question[1:2].isascii() and question[1:2].isalpha():
            print(texts.CONSOLE_UNKNOWN, file=stdout)
            continue
        if not interactive:
            print(f"\n> {question}", file=stdout)
        print(answer_plain(service.ask(question)), file=stdout, flush=True)
    print(texts.CONSOLE_BYE, file=stdout)
    return 0
