"""Raw Bot API update dicts, as Telegram would send them, for pushing into the stand-in."""

from __future__ import annotations

import itertools
import time
from typing import Any

from tests.standin import BOT

_message_ids = itertools.count(1)


def user(user_id: int, name: str = "工友") -> dict:
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "zh-hans"}


def chat(chat_id: int) -> dict:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "工友"}
    return {"id": chat_id, "type": "supergroup", "title": "一车间"}


def message(chat_id: int, text: str | None = None, *, user_id: int | None = None, entities: list | None = None,
            reply_to: dict | None = None, **extra: Any) -> dict:
    body: dict[str, Any] = {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat(chat_id),
                            "from": user(user_id or abs(chat_id))}
    if text is not None:
        body["text"] = text
    if text and text.startswith("/"):
        command = text.split()[0]
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if entities:
        body["entities"] = entities
    if reply_to:
        body["reply_to_message"] = reply_to
    body.update(extra)
    return {"message": body}


def mention(chat_id: int, question: str, user_id: int) -> dict:
    handle = "@" + BOT["username"]
    return message(chat_id, f"{handle} {question}", user_id=user_id,
                   entities=[{"type": "mention", "offset": 0, "length": len(handle)}])


def callback(chat_id: int, user_id: int, data: str, bot_message: dict) -> dict:
    return {"callback_query": {"id": str(next(_message_ids)), "from": user(user_id), "chat_instance": "ci",
                               "data": data, "message": {k: v for k, v in bot_message.items() if k != "html"}}}


def inline(user_id: int, query: str) -> dict:
    return {"inline_query": {"id": str(next(_message_ids)), "from": user(user_id), "query": query, "offset": ""}}
