"""The services' ``Notifier`` over the Bot API: announcement copies with an unsubscribe button,
status-message edits with progress and the final report, and deleting copies on recall.

Telegram's errors become :class:`~bot.services.ports.Verdict` values here, so the delivery loop
stays free of the client library.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBUserWarning

from bot import texts
from bot.models import Report
from bot.render import announcement_html, report_text
from bot.services.ports import Outcome, Verdict
from handlers.keyboards import recall_keyboard, unsubscribe_keyboard

log = logging.getLogger("luban.delivery")
# Announcement copies go through ``Bot.do_api_request("sendMessage", ...)`` on purpose (see
# ``TelegramNotifier.send_announcement``); PTB suggests ``send_message`` on every such call.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning)
GONE_MARKS = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated", "bot was kicked",
              "chat_write_forbidden", "have no rights to send", "group chat was deactivated")


def verdict_of(exc: TelegramError) -> Outcome:
    """What a Bot API error means for one delivery."""
    if isinstance(exc, ChatMigrated):
        return Outcome(Verdict.MIGRATED, error=exc.message, new_chat_id=int(exc.new_chat_id))
    if isinstance(exc, Forbidden):
        return Outcome(Verdict.BLOCKED, error=exc.message)
    if isinstance(exc, RetryAfter):
        return Outcome(Verdict.RETRY_AFTER, error=exc.message, retry_after=exc.retry_after.total_seconds()
                       if not isinstance(exc.retry_after, int | float) else float(exc.retry_after))
    if isinstance(exc, BadRequest):
        gone = any(mark in exc.message.lower() for mark in GONE_MARKS)
        return Outcome(Verdict.GONE if gone else Verdict.FAILED, error=exc.message)
    if isinstance(exc, TimedOut):
        return Outcome(Verdict.TIMED_OUT, error=exc.message)
    if isinstance(exc, NetworkError):  # 5xx answers and dropped connections
        return Outcome(Verdict.TRANSIENT, error=exc.message)
    raise exc


@lru_cache(maxsize=4)
def announcement_request(text: str, paid: bool) -> Mapping[str, Any]:
    """``sendMessage`` parameters of every copy of one announcement but the chat, as sent: what
    ``send_message`` with the bot's defaults would send (HTML, no link preview, the unsubscribe
    button), structured values already JSON, ``allow_paid_broadcast`` for a paid broadcast."""
    request: dict[str, Any] = {
        "text": announcement_html(text), "parse_mode": ParseMode.HTML.value,
        "link_preview_options": json.dumps({"is_disabled": True}),
        "reply_markup": json.dumps(unsubscribe_keyboard().to_dict())}
    if paid:
        request["allow_paid_broadcast"] = True
    return MappingProxyType(request)  # shared by every copy: read-only


class TelegramNotifier:
    def __init__(self, bot: Bot, paid_broadcast: bool = False):
        """``paid_broadcast``: announcement copies go with ``allow_paid_broadcast`` (paced by the
        limiter at the paid rate, billed in Stars)."""
        self.bot, self.paid_broadcast = bot, paid_broadcast

    async def send_announcement(self, chat_id: int, text: str) -> Outcome:
        """One copy, through the Bot's own request path (its rate limiter, its errors), with the
        parameters encoded once per announcement and the answer read as the raw dict: a copy
        needs only its ``message_id``, and building a PTB ``Message`` for each one cost about a
        third of a paid broadcast's CPU (README, Scaling)."""
        try:
            sent = await self.bot.do_api_request("sendMessage", {"chat_id": chat_id,
                                                                 **announcement_request(text, self.paid_broadcast)})
        except TelegramError as exc:
            return verdict_of(exc)
        return Outcome(Verdict.SENT, message_id=int(sent["message_id"]))

    async def send_text(self, chat_id: int, text: str) -> Outcome:
        try:
            sent = await self.bot.send_message(chat_id, text)
        except TelegramError as exc:
            return verdict_of(exc)
        return Outcome(Verdict.SENT, message_id=sent.message_id)

    async def open_status(self, chat_id: int, announcement_id: int) -> int | None:
        try:
            sent = await self.bot.send_message(chat_id, texts.PROGRESS.format(id=announcement_id, done=0, total="…"))
        except TelegramError as exc:
            log.info("status message not sent: %s", exc.message)
            return None
        return sent.message_id

    async def delete_message(self, chat_id: int, message_id: int) -> bool:
        try:
            return await self.bot.delete_message(chat_id, message_id)
        except BadRequest:
            return False

    async def show_progress(self, chat_id: int, message_id: int, announcement_id: int, done: int,
                            total: int) -> None:
        await self._edit(chat_id, message_id, texts.PROGRESS.format(id=announcement_id, done=done, total=total))

    async def show_report(self, chat_id: int, message_id: int, announcement_id: int, report: Report) -> None:
        await self._edit(chat_id, message_id, report_text(announcement_id, report), recall_keyboard(announcement_id))

    async def _edit(self, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        try:
            await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=markup)
        except TelegramError as exc:  # a progress line is not worth failing a broadcast for
            log.info("status message not updated: %s", exc.message)
