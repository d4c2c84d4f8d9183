"""Sending a worker's answer so that it arrives: transient faults retried, no second copy when
the first may have gone through, and a deleted question answered in the same chat anyway.

A reply is one ``sendMessage``. When Telegram (or a proxy) answered with an error status, or the
connection never opened, nothing was sent and a retry is safe; we retry with a bounded,
doubling backoff. When the request may have reached Telegram but its response was lost (a
timeout, a connection dropped mid-request), Telegram offers no way to ask whether the message
exists, so we allow exactly one more attempt after such an outcome: at worst a worker sees the
answer twice, never zero times because of one lost response. Flood control (429) is absorbed by
the rate limiter below us, not here.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
import httpx
from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import ContextTypes

log = logging.getLogger("luban.replies")

POLICY_KEY = "reply_policy"
REPLIED_GONE = ("message to be replied not found", "replied message not found")
# Connection-level failures where the request never left this machine: httpx for long polling,
# aiohttp for every other Bot API request (bot/telegram/transport.py).
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, aiohttp.ClientConnectorError,
            aiohttp.ConnectionTimeoutError)
TRANSPORT_ERRORS = (httpx.TransportError, aiohttp.ClientError)


@dataclass(frozen=True)
class ReplyPolicy:
    """How hard to try; tests shorten the waits and the read timeout."""

    attempts: int = 4                  # in all, while each failure is known not to have sent
    backoff: float = 0.5               # seconds before the first retry, doubled each time
    max_backoff: float = 4.0
    read_timeout: float | None = None  # None: the HTTP client's default


DEFAULT_POLICY = ReplyPolicy()


def policy_of(context: ContextTypes.DEFAULT_TYPE) -> ReplyPolicy:
    policy = context.application.bot_data.get(POLICY_KEY, DEFAULT_POLICY)
    return policy if isinstance(policy, ReplyPolicy) else DEFAULT_POLICY


def outcome_unknown(exc: NetworkError) -> bool:
    """Could the failed request have been delivered? True for timeouts and dropped responses."""
    cause = exc.__cause__
    if isinstance(cause, NOT_SENT) or "not* sent" in exc.message:
        return False
    if isinstance(exc, TimedOut):
        return True
    return isinstance(cause, TRANSPORT_ERRORS)  # no client cause: the server answered with an error


def _gone(exc: BadRequest) -> bool:
    return any(mark in exc.message.lower() for mark in REPLIED_GONE)


async def send_reply(context: ContextTypes.DEFAULT_TYPE, message: Message, text: str, *,
                     markup: InlineKeyboardMarkup | None = None, html: bool = True) -> Message:
    """Reply to ``message`` (quoted outside private chats, in its forum thread), retrying
    transient faults under ``ReplyPolicy``; raises the last error when the answer finally failed."""
    policy = policy_of(context)
    quote = message.message_id if message.chat.type != ChatType.PRIVATE else None
    thread = message.message_thread_id if message.is_topic_message else None
    extra: dict[str, Any] = {} if html else {"parse_mode": None}
    if policy.read_timeout is not None:
        extra["read_timeout"] = policy.read_timeout
    delay, unknown_before, attempt = policy.backoff, False, 0
    while True:
        attempt += 1
        reply = ReplyParameters(quote, allow_sending_without_reply=True) if quote is not None else None
        try:
            return await context.bot.send_message(message.chat.id, text, reply_parameters=reply,
                                                  message_thread_id=thread, reply_markup=markup, **extra)
        except BadRequest as exc:
            if quote is None or not _gone(exc):
                raise
            log.info("question in chat %s was deleted; answering without quoting it", message.chat.id)
            quote = None  # the fallback costs no attempt: nothing was sent
            attempt -= 1
        except NetworkError as exc:
            unknown = outcome_unknown(exc)
            if unknown_before or attempt >= policy.attempts:
                raise
            unknown_before = unknown
            log.warning("reply to chat %s failed (%s, attempt %d); retrying in %.1f s",
                        message.chat.id, exc.message, attempt, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, policy.max_backoff)
