"""``run.py announce``: send (or schedule) an announcement from the shell, or resume broadcasts
interrupted by a crash, through the same services and database as the running bot, so the two
never send one announcement twice.

One sender per database: when a bot holds the database's lease (``bot.storage.lock.BotLease``)
the announcement is queued in the database for that bot, as ``--at`` always did, and the bot
sends it within its own pace budget; this command sends by itself only when no bot runs."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt

from telegram.error import InvalidToken, NetworkError

from bot.cli.errors import fail
from bot.cli.progress import Progress
from bot.config import TOKEN_ENV, Config
from bot.models import Report
from bot.render import report_text
from bot.services.announcements import Announcements, InThePast, TooLong
from bot.services.when import Ambiguous, resolve, shown
from bot.services.when import InThePast as PastTime
from bot.storage.lock import holder_pid
from bot.telegram.app import assemble


def announce(config: Config, args: argparse.Namespace) -> int:
    if not config.secrets.token:
        return fail(f"set {TOKEN_ENV}: announcements are sent through the Bot API")
    if not args.resume and not (args.text or "").strip():
        return fail("give the announcement TEXT (or --resume)")
    send_at = None
    if args.at:
        try:
            send_at = resolve(args.at, config.tz, dt.datetime.now(config.tz)).timestamp()
        except PastTime:
            return fail(f"--at {args.at!r} is in the past")
        except Ambiguous:
            return fail(f"--at {args.at!r} is not one moment: give the hour (and 上午/下午), e.g. 明天上午9点")
        except ValueError:
            return fail(f"--at {args.at!r}: not a time (e.g. 'YYYY-MM-DD HH:MM', 明天上午9点, 6月10日 9:00)")
    return asyncio.run(_announce(config, args.text, send_at, args.resume, args.at))


async def _announce(config: Config, text: str | None, send_at: float | None, resume: bool, at: str | None) -> int:
    application, deps = assemble(config)
    service = deps.announcements
    try:
        if text:
            try:
                service.validate(text.strip(), send_at)  # refused before any network call
            except InThePast:
                return fail(f"--at {at!r} is in the past")
            except TooLong as exc:
                return fail(str(exc))
        bot_pid = holder_pid(config.storage.path)
        if bot_pid is not None or send_at is not None:
            return _hand_over(config, service, text, send_at, resume, bot_pid)
        async with application:
            ids = [a.id for a in service.unfinished()] if resume else []
            if text:
                draft = service.draft(text.strip(), None, send_at)
                service.confirm(draft.confirm_token)
                ids.append(draft.id)
                plan = service.plan(deps.subscriptions.subscriber_counts().active)
                if plan.paid:
                    print(f"paid broadcast: {plan.rate:.0f} messages/s, about {plan.seconds:.0f} s for "
                          f"{plan.recipients} subscribers; 0.1 Stars per message above the free 30/s: "
                          f"about {plan.stars:.1f} Stars, at most {plan.max_stars:.1f}")
            if not ids:
                print("nothing to send: no interrupted broadcasts")
            for announcement_id in ids:
                progress = Progress(f"announcement #{announcement_id}", 0)

                async def show(report: Report, progress: Progress = progress) -> None:
                    progress(report.total - report.pending, report.total)

                report = await deps.broadcasts.broadcast(announcement_id, on_progress=show)
                if report is None:
                    print(f"announcement #{announcement_id} is being sent by the running bot")
                    continue
                print(report_text(announcement_id, report))
    except InvalidToken:
        return fail(f"Telegram rejected the token in {TOKEN_ENV}")
    except NetworkError as exc:
        return fail(f"cannot reach the Bot API server ({exc.message})")
    finally:
        deps.close()
    return 0


def _hand_over(config: Config, service: Announcements, text: str | None, send_at: float | None, resume: bool,
               bot_pid: int | None) -> int:
    """Queue (or schedule) the announcement in the database for the running bot to send, so one
    process paces everything sent on this database; nothing is sent from here."""
    running = f"the running bot (pid {bot_pid})" if bot_pid else "the running bot"
    if not text:
        print(f"{running} resumes interrupted broadcasts itself" if resume else "nothing to send")
        return 0
    draft = service.draft(text.strip(), None, send_at)
    service.confirm(draft.confirm_token)
    if send_at is not None:
        moment = shown(dt.datetime.fromtimestamp(send_at, config.tz))
        print(f"announcement #{draft.id} scheduled for {moment} ({config.timezone}); the running bot will send it")
    else:
        print(f"announcement #{draft.id} handed to {running}, which sends it now at its own pace; "
              "see /announcements for the delivery report")
    return 0
