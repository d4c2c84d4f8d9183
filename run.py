#!/usr/bin/env python3
"""Command line of the Luban Craftsman Day bot.

With no command it runs the Telegram bot when TELEGRAM_BOT_TOKEN is set, and a console chat
otherwise. Configuration errors print one line naming the problem and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bot.cli import ops_commands, output  # noqa: E402  (needs the path above when run from elsewhere)
from bot.cli.commands import dispatch, fraction  # noqa: E402
from bot.config import TOKEN_ENV  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        usage="%(prog)s [--config PATH] [-v | -q] [COMMAND] [options]",
        description="鲁班工匠日 Telegram bot: answers workers' questions, pushes organizers' announcements.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""Without a command: runs the bot if TELEGRAM_BOT_TOKEN is set, else a console chat.

examples:
  %(prog)s ask "鲁班工匠日是哪天"              one readable answer
  %(prog)s ask --json < questions.txt        one JSON object per line
  %(prog)s eval ../shared/eval/dev_questions.yaml
  %(prog)s announce "明天上午9点在鲁班纪念馆集合"
  %(prog)s backup /var/backups/luban/        a sound copy, even while the bot runs
  %(prog)s COMMAND --help                    the options of one command""",
    )
    parser.add_argument("--config", type=Path, default=Path(os.environ.get("LUBAN_CONFIG") or HERE / "config.yaml"),
                        metavar="PATH", help="configuration file (default: $LUBAN_CONFIG, else config.yaml "
                                             "beside run.py)")
    ops_commands.add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("console", help="chat with the engine in this terminal")
    sub.add_parser("bot", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")

    ask = sub.add_parser("ask", help="answer questions given as arguments, or one per line on stdin")
    ask.add_argument("questions", nargs="*", metavar="QUESTION",
                     help="questions to answer; none: read them from stdin, one per line")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question, one per line")
    ask.add_argument("--explain", action="store_true", help="also show the question's terms and their scores")

    ev = sub.add_parser("eval", help="measure answer quality on a question file")
    ev.add_argument("file", type=Path, metavar="FILE", help="YAML in the format of dev_questions.yaml, "
                                                          "or with --squad a SQuAD-format .json[.gz]")
    ev.add_argument("--squad", action="store_true", help="FILE is SQuAD-format: sentence retrieval per paragraph")
    ev.add_argument("--limit", type=int, metavar="N", help="with --squad: only the first N questions")
    ev.add_argument("--min-accuracy", type=fraction, metavar="X",
                    help="exit with status 1 when sentence-level accuracy is below X: a fraction in (0, 1] "
                         "such as 0.95, or a percentage such as 95%%")
    ev.add_argument("--json", action="store_true", help="print the summary as one JSON object on the last line")

    sub.add_parser("check", help="validate the knowledge folder and show what the bot would load")

    ex = sub.add_parser("export", help="write the question log as CSV (for spreadsheets)")
    ex.add_argument("file", type=Path, metavar="FILE.csv")

    an = sub.add_parser("announce", help="send an announcement to all subscribers (needs TELEGRAM_BOT_TOKEN)",
                        description="Send an announcement to every subscriber, with progress and a delivery "
                                    "report. Uses the same database as the bot, so the bot and this command "
                                    "never send one announcement twice.")
    an.add_argument("text", nargs="?", metavar="TEXT", help="the announcement text")
    an.add_argument("--at", metavar="TIME",
                    help="schedule instead of sending now: 'YYYY-MM-DD HH:MM', 明天上午9点, 6月10日 9:00, "
                         "下周一下午两点, 今晚8点 (config time zone); the running bot sends it")
    an.add_argument("--resume", action="store_true", help="finish broadcasts interrupted by a crash or stop")
    ops_commands.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    output.guard([os.environ.get(TOKEN_ENV, "").strip()])  # before anything is printed or fetched
    try:
        args = build_parser().parse_args(argv)
        return dispatch(args)
    except BrokenPipeError:  # `run.py ask … | head -1`: the reader has what it wanted
        output.quiet_broken_pipe()
        return 0


if __name__ == "__main__":
    sys.exit(main())
