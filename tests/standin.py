"""A small Bot API stand-in server for offline end-to-end tests (and benchmarks).

It speaks the Bot API's JSON over HTTP on 127.0.0.1, keeps an update queue served by long
polling with offsets, records every call, and rejects what Telegram rejects: a wrong token,
text over 4096 characters (after entity parsing, in UTF-16 units), and HTML that does not
parse, and a reply to a message listed in ``gone`` (unless sent without it). ``faults`` lets a
test make a method fail for a chat (403, 400, 429, 5xx, dropped connection, a timeout via
``delay``, group migrated), and ``limits`` makes it enforce Telegram's flood limits: 30 messages
in any second overall and 20 a minute into one group, or, for a ``sendMessage`` with
``allow_paid_broadcast``, ``paid_limit`` (1,000) in any second, counted apart from the free ones.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

BOT = {"id": 7000001, "is_bot": True, "first_name": "鲁班工匠日小助手", "username": "luban_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler",
                "span", "blockquote", "tg-emoji"}
# bookkeeping, not Bot API fields
PRIVATE_FIELDS = ("html", "reply_to_message_id", "edited", "at", "photo_bytes", "paid")
STRUCTURED = {"reply_markup", "results", "commands", "allowed_updates", "scope", "reply_parameters",
              "link_preview_options", "button", "entities"}
INTEGERS = {"chat_id", "message_thread_id", "message_id", "offset", "limit", "timeout", "user_id", "from_chat_id",
            "cache_time"}


class EntityError(ValueError):
    pass


class _HTMLCheck(HTMLParser):
    """Telegram's HTML rules: known tags only, properly nested; returns the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ALLOWED_TAGS:
            raise EntityError(f"Unsupported start tag \"{tag}\"")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise EntityError(f"Can't find end tag corresponding to start tag \"{tag}\"")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.visible.append(data)


@functools.lru_cache(maxsize=1024)  # a broadcast checks the same text for every copy (the paid benchmark's 1,000/s)
def visible_text(text: str, parse_mode: str | None) -> str:
    if (parse_mode or "").upper() != "HTML":
        return text
    for i, ch in enumerate(text):  # a bare & or < is an error at Telegram, HTMLParser would accept it
        if ch == "&" and not _entity_at(text, i):
            raise EntityError(f"Unsupported entity at byte offset {i}")
        if ch == "<" and not (text[i + 1: i + 2].isalpha() or text[i + 1: i + 2] == "/"):
            raise EntityError(f"Unexpected < at byte offset {i}")
    checker = _HTMLCheck()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise EntityError(f"Can't find end tag corresponding to start tag \"{checker.stack[-1]}\"")
    return "".join(checker.visible)


def _entity_at(text: str, i: int) -> bool:
    end = text.find(";", i)
    name = text[i + 1:end] if end != -1 else ""
    return name in ("lt", "gt", "amp", "quot") or (name.startswith("#") and name[1:].isdigit())


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Fault:
    """How one call fails: an HTTP status with a Bot API error, or a dropped connection."""

    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    migrate_to: int | None = None
    drop: bool = False
    delay: float = 0.0          # seconds before failing: longer than the client's read timeout is a timeout


@dataclass
class StandIn:
    token: str = "123456:TEST-TOKEN"
    updates: list[dict] = field(default_factory=list)
    sent: list[dict] = field(default_factory=list)
    calls: list[tuple[str, dict]] = field(default_factory=list)
    callback_answers: list[dict] = field(default_factory=list)
    inline_answers: list[dict] = field(default_factory=list)
    commands: list[dict] = field(default_factory=list)
    deleted: list[tuple[int, int]] = field(default_factory=list)
    gone: set[tuple[int, int]] = field(default_factory=set)  # (chat, message) a user deleted
    chat_types: dict[int, str] = field(default_factory=dict)
    chat_admins: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    faults: dict[tuple[str, int], deque[Fault]] = field(default_factory=lambda: defaultdict(deque))
    fault_rule: Callable[[str, dict], Fault | None] | None = None
    limits: bool = False
    paid_limit: int = 1000
    response_delay: float = 0.0

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.rejected_429 = 0
        self.webhook: dict = {}
        self._overall: deque[float] = deque()
        self._per_group: dict[int, deque[float]] = defaultdict(deque)
        self._paid: deque[float] = deque()
        self._closing = False

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> StandIn:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        self._closing = True  # long polls still open answer now instead of at their timeout
        self._new_update.set()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    # -- injecting updates ---------------------------------------------------------------------
    def push(self, update: dict) -> int:
        update = {"update_id": next(self._ids), **update}
        self.updates.append(update)
        self._new_update.set()
        return update["update_id"]

    def fail(self, method: str, chat_id: int, *faults: Fault) -> None:
        self.faults[(method, chat_id)].extend(faults)

    # -- inspecting ----------------------------------------------------------------------------
    def messages_to(self, chat_id: int) -> list[dict]:
        return [m for m in self.sent if m["chat"]["id"] == chat_id]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = predicate()
            if result:
                return result
            await asyncio.sleep(0.01)
        raise AssertionError("the bot did not do what was expected in time")

    async def next_message(self, chat_id: int, count: int = 1, timeout: float = 10.0) -> dict:
        """Wait until ``count`` messages went to the chat; returns the last."""
        await self.wait_for(lambda: len(self.messages_to(chat_id)) >= count, timeout)
        return self.messages_to(chat_id)[count - 1]

    # -- HTTP ----------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        raw = await request.post()
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if not isinstance(value, str):
                params[key] = value.file.read()  # an uploaded file
                continue
            if key in STRUCTURED:
                params[key] = json.loads(value)
            elif key in INTEGERS:
                params[key] = int(value) if value.lstrip("-").isdigit() else value
            else:
                params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        fault = self._fault_for(method, params)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.drop:
                assert request.transport is not None
                request.transport.close()
                return web.Response(status=500)
            body: dict[str, Any] = {"ok": False, "error_code": fault.status, "description": fault.description}
            extra = {k: v for k, v in (("retry_after", fault.retry_after), ("migrate_to_chat_id", fault.migrate_to))
                     if v is not None}
            if extra:
                body["parameters"] = extra
            return web.json_response(body, status=fault.status)
        if self.response_delay:
            await asyncio.sleep(self.response_delay)
        handler = getattr(self, f"m_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        try:
            result = await handler(params) if asyncio.iscoroutinefunction(handler) else handler(params)
        except EntityError as exc:
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": f"Bad Request: can't parse entities: {exc}"}, status=400)
        except BadRequest as exc:
            return web.json_response({"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"},
                                     status=400)
        return web.json_response({"ok": True, "result": result})

    def _fault_for(self, method: str, params: dict) -> Fault | None:
        chat_id = params.get("chat_id")
        queue = self.faults.get((method, chat_id)) if isinstance(chat_id, int) else None
        if queue:
            return queue.popleft()
        if self.fault_rule is not None:
            fault = self.fault_rule(method, params)
            if fault is not None:
                return fault
        if self.limits and method == "sendMessage" and isinstance(chat_id, int):
            return self._paid_check() if paid(params) else self._flood_check(chat_id)
        return None

    def _paid_check(self) -> Fault | None:
        now = time.monotonic()
        while self._paid and now - self._paid[0] > 1.0:
            self._paid.popleft()
        if len(self._paid) >= self.paid_limit:
            self.rejected_429 += 1
            return Fault(429, "Too Many Requests: retry after 1", retry_after=1)
        self._paid.append(now)
        return None

    def _flood_check(self, chat_id: int) -> Fault | None:
        now = time.monotonic()
        while self._overall and now - self._overall[0] > 1.0:
            self._overall.popleft()
        group = self._per_group[chat_id]
        while group and now - group[0] > 60.0:
            group.popleft()
        if len(self._overall) >= 30 or (chat_id < 0 and len(group) >= 20):
            self.rejected_429 += 1
            return Fault(429, "Too Many Requests: retry after 1", retry_after=1)
        self._overall.append(now)
        if chat_id < 0:
            group.append(now)
        return None

    # -- methods -------------------------------------------------------------------------------
    def m_getMe(self, params: dict) -> dict:
        return BOT

    def m_deleteWebhook(self, params: dict) -> bool:
        self.webhook = {}
        return True

    def m_setWebhook(self, params: dict) -> bool:
        self.webhook = params
        return True

    def m_setMyCommands(self, params: dict) -> bool:
        self.commands.append(params)
        return True

    def m_getMyCommands(self, params: dict) -> list:
        return self.commands[-1]["commands"] if self.commands else []

    async def m_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            pending = [u for u in self.updates if u["update_id"] >= offset]
            if pending or time.monotonic() >= deadline or self._closing:
                return pending[: int(params.get("limit") or 100)]
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), max(deadline - time.monotonic(), 0.001))
            except TimeoutError:
                pass

    def _chat(self, chat_id: int) -> dict:
        chat_type = self.chat_types.get(chat_id, "private" if chat_id > 0 else "supergroup")
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "工友"
        else:
            chat["title"] = "车间群"
        return chat

    def m_sendMessage(self, params: dict) -> dict:
        text = params.get("text", "")
        visible = visible_text(text, params.get("parse_mode"))
        if not visible.strip():
            raise BadRequest("message text is empty")
        if utf16_len(visible) > 4096:
            raise BadRequest("message is too long")
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self._chat(params["chat_id"]), "from": BOT, "text": visible, "html": text,
                   "at": time.monotonic(), "paid": paid(params)}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        reply = params.get("reply_parameters") or {}
        if (params["chat_id"], reply.get("message_id")) in self.gone and not reply.get("allow_sending_without_reply"):
            raise BadRequest("message to be replied not found")
        if params.get("message_thread_id"):
            message["message_thread_id"] = params["message_thread_id"]
        if reply.get("message_id") or params.get("reply_to_message_id"):
            message["reply_to_message_id"] = reply.get("message_id") or params.get("reply_to_message_id")
        self.sent.append(message)
        return {k: v for k, v in message.items() if k not in PRIVATE_FIELDS}

    def m_sendPhoto(self, params: dict) -> dict:
        photo = params.get("photo")
        if not isinstance(photo, bytes) or not photo:
            raise BadRequest("there is no photo in the request")
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self._chat(params["chat_id"]), "from": BOT, "text": "", "html": "",
                   "caption": params.get("caption", ""), "photo_bytes": photo, "at": time.monotonic()}
        self.sent.append(message)
        return {k: v for k, v in message.items() if k not in PRIVATE_FIELDS}

    def m_editMessageText(self, params: dict) -> dict:
        text = params.get("text", "")
        visible = visible_text(text, params.get("parse_mode"))
        if utf16_len(visible) > 4096:
            raise BadRequest("message is too long")
        for message in self.sent:
            if message["chat"]["id"] == params.get("chat_id") and message["message_id"] == params.get("message_id"):
                if message["html"] == text and message.get("reply_markup") == params.get("reply_markup"):
                    raise BadRequest("message is not modified")
                message.update(text=visible, html=text, edited=True)
                if "reply_markup" in params:
                    message["reply_markup"] = params["reply_markup"]
                return {k: v for k, v in message.items() if k not in PRIVATE_FIELDS}
        raise BadRequest("message to edit not found")

    def m_editMessageReplyMarkup(self, params: dict) -> dict:
        for message in self.sent:
            if message["chat"]["id"] == params.get("chat_id") and message["message_id"] == params.get("message_id"):
                message["reply_markup"] = params.get("reply_markup")
                return {k: v for k, v in message.items() if k not in PRIVATE_FIELDS}
        raise BadRequest("message to edit not found")

    def m_deleteMessage(self, params: dict) -> bool:
        self.deleted.append((params["chat_id"], params["message_id"]))
        return True

    def m_answerCallbackQuery(self, params: dict) -> bool:
        self.callback_answers.append(params)
        return True

    def m_answerInlineQuery(self, params: dict) -> bool:
        for result in params.get("results", []):
            content = result.get("input_message_content", {})
            visible_text(content.get("message_text", ""), content.get("parse_mode"))
        self.inline_answers.append(params)
        return True

    def m_getChatMember(self, params: dict) -> dict:
        user_id = params["user_id"]
        status = "administrator" if user_id in self.chat_admins[params["chat_id"]] else "member"
        return {"status": status, "user": {"id": user_id, "is_bot": False, "first_name": "工友"},
                **({"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                    "can_delete_messages": True, "can_manage_video_chats": True, "can_restrict_members": True,
                    "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
                    "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False}
                   if status == "administrator" else {})}

    def m_sendChatAction(self, params: dict) -> bool:
        return True


def paid(params: dict) -> bool:
    """Was ``allow_paid_broadcast`` passed (true as JSON, or "true"/"True" in a form)?"""
    return params.get("allow_paid_broadcast") in (True, "true", "True")


class BadRequest(ValueError):
    pass
