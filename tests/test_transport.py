"""The paid broadcast's per-copy path (README, Scaling): an announcement copy goes through the
Bot's own request path with its parameters encoded once and its answer read as the raw dict, and
the form body is encoded as aiohttp would, each repeated value once.

Both must send exactly what ``send_message`` with the bot's defaults sends: the stand-in records
the parsed parameters of each request, which are compared here.
"""

from __future__ import annotations

import aiohttp
import pytest
import telegram

from bot.render import announcement_html
from bot.telegram.app import make_bot
from bot.telegram.notifier import TelegramNotifier
from bot.telegram.transport import form_body
from handlers.keyboards import unsubscribe_keyboard
from tests.conftest import FAST
from tests.helpers import project_config

TRICKY = {"chat_id": "-1001234", "text": "<b>通知</b>\n明早 9:00 & 10:00 集合 + 签到 = 50% a=b&c;d #1 ✨",
          "reply_markup": '{"inline_keyboard": [[{"text": "退订", "callback_data": "sub:off"}]]}',
          "parse_mode": "HTML", "allow_paid_broadcast": "true"}


def test_the_form_body_is_what_aiohttp_would_send():
    form = aiohttp.FormData(TRICKY)()
    assert form_body(TRICKY) == form._value
    assert form_body({}) == b""


@pytest.mark.parametrize("paid", [True, False])
async def test_an_announcement_copy_is_what_send_message_sends_and_builds_no_message(project, standin, monkeypatch,
                                                                                    paid: bool):
    bot = make_bot(project_config(project, standin), FAST)
    await bot.initialize()
    try:
        text = "明早9点在鲁班纪念馆集合 <请带工牌> & 安全帽"
        await bot.send_message(4242, announcement_html(text), reply_markup=unsubscribe_keyboard(),
                               allow_paid_broadcast=True if paid else None)

        def no_message(*args: object, **kwargs: object) -> None:
            raise AssertionError("an announcement copy built a telegram.Message")

        monkeypatch.setattr(telegram.Message, "de_json", no_message)
        outcome = await TelegramNotifier(bot, paid_broadcast=paid).send_announcement(4242, text)
    finally:
        await bot.shutdown()
    by_send_message, by_notifier = (params for name, params in standin.calls if name == "sendMessage")
    assert by_notifier == by_send_message
    assert ("allow_paid_broadcast" in by_notifier) is paid
    assert outcome.message_id == standin.messages_to(4242)[-1]["message_id"]
