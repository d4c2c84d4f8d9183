"""Organizer tools to improve the answers: /stats, /unanswered (with 补充答案), /curated, /reload,
and the capture of a curated answer, a ``ConversationHandler`` per organizer (built in
``capture_conversation``):

补充答案 / 修改 -> ANSWER: the organizer's text (or "use an existing answer", which attaches the
question as another phrasing) -> CONFIRM: a preview of exactly what workers will see with
确认 / 修改 / 取消. A command during the capture is never stored: /cancel ends it, any other
command ends it with a word saying so and then runs as usual. Idle for
``curation.capture_timeout_seconds``, it ends with a message. Every step raises
``ApplicationHandlerStop`` so the organizer's text is not also answered as a question.
"""

from __future__ import annotations

import itertools
import logging
import warnings
from dataclasses import dataclass, replace
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot import texts
from bot.charts import questions_per_day_png, text_bars
from bot.container import Deps, get_deps
from bot.render import answer_html
from bot.textlimits import clip
from handlers import callback_data as cd
from handlers.access import organizer_command, require_organizer
from handlers.pages import redraw, send_listing
from knowledge.articles import ArticleError
from knowledge.curated import CuratedAnswer
from knowledge.curated_index import curated_answer

log = logging.getLogger("luban.curation")
CURATING = "curating"  # user_data key: the capture under way
ANSWER, CONFIRM = range(2)
_serials = itertools.count(1)


@dataclass(frozen=True)
class Pending:
    question: str
    curated_id: int | None   # None: a new answer
    question_id: int | None  # the logged question it answers (its askers are told)
    serial: int              # carried by the preview's buttons, so a stale preview does nothing
    text: str = ""


@organizer_command
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    s = deps.curation.stats()
    lines = [texts.STATS.format(day=s.day, week=s.week, total=s.total, answered_share=f"{s.answered_share:.0%}",
                                up=s.up, down=s.down, active=s.active, inactive=s.inactive,
                                announcements=s.announcements)]
    if s.top_questions:
        lines += ["", texts.STATS_TOP_QUESTIONS, *(f"{n}× {escape(clip(q, 100))}" for q, n in s.top_questions)]
    if s.top_passages:
        lines += ["", texts.STATS_TOP_PASSAGES, *(f"{n}× {escape(clip(p, 60))}" for p, n in s.top_passages)]
    await message.reply_text("\n".join(lines))
    days = deps.curation.per_day()
    try:
        await message.reply_photo(questions_per_day_png(days), caption=texts.STATS_CHART_CAPTION)
    except (TelegramError, ImportError, RuntimeError, ValueError) as exc:  # no picture: the same as text
        log.warning("chart not sent: %s", exc)
        await message.reply_text(f"{texts.STATS_CHART_CAPTION}\n<pre>{escape(text_bars(days))}</pre>")


@organizer_command
async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    await send_listing(message, deps, "un")


@organizer_command
async def curated(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    try:
        await send_listing(message, deps, "cu")
    except ArticleError as exc:
        await message.reply_text(texts.CURATE_STORE_BROKEN.format(problem=escape(str(exc))))


@organizer_command
async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    before = deps.knowledge.last_load
    try:
        after = await deps.knowledge.reload_async()
    except (ArticleError, ValueError, OSError) as exc:
        await message.reply_text(texts.RELOAD_FAILED.format(problem=escape(str(exc))))
        return
    reply = texts.RELOADED.format(
        articles=after.articles, articles_delta=f"{after.articles - before.articles:+d}", passages=after.passages,
        passages_delta=f"{after.passages - before.passages:+d}", curated=after.curated, seconds=after.seconds)
    if after.skipped:
        reply += "\n" + texts.RELOAD_SKIPPED + "\n" + "\n".join(f"• {escape(p)}" for p in after.skipped)
    await message.reply_text(reply)




# -- the capture conversation ----------------------------------------------------------------------
def _pending(context: ContextTypes.DEFAULT_TYPE) -> Pending | None:
    pending = (context.user_data or {}).get(CURATING)
    return pending if isinstance(pending, Pending) else None


def _keep(context: ContextTypes.DEFAULT_TYPE, pending: Pending | None) -> None:
    if context.user_data is not None:
        if pending is None:
            context.user_data.pop(CURATING, None)
        else:
            context.user_data[CURATING] = pending


def _existing_keyboard(question_id: int, answers: list[CuratedAnswer]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        texts.BUTTON_USE_EXISTING.format(id=a.id, question=a.question[:20]),
        callback_data=cd.CURATE_USE.data(question_id, a.id))] for a in answers])


def _preview_keyboard(serial: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.BUTTON_CURATE_CONFIRM, callback_data=cd.CURATE_CONFIRM.data(serial)),
        InlineKeyboardButton(texts.BUTTON_CURATE_REVISE, callback_data=cd.CURATE_REVISE.data(serial)),
        InlineKeyboardButton(texts.BUTTON_CURATE_ABORT, callback_data=cd.CURATE_ABORT.data(serial))]])


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE, pending: Pending | None) -> object:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not isinstance(query.message, Message) or pending is None:
        if query is not None:
            await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        raise ApplicationHandlerStop(ConversationHandler.END)
    _keep(context, pending)
    await query.answer()
    await query.message.reply_text(texts.CURATE_PROMPT.format(question=escape(clip(pending.question, 3500))))
    closest = deps.curation.closest(pending.question) if pending.curated_id is None else []
    if closest and pending.question_id is not None:
        await query.message.reply_text(texts.CURATE_PROMPT_EXISTING,
                                       reply_markup=_existing_keyboard(pending.question_id, closest))
    raise ApplicationHandlerStop(ANSWER)


async def add_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not await require_organizer(update, deps):
        raise ApplicationHandlerStop(ConversationHandler.END)
    question_id = cd.CURATE_ADD.parse_id(query.data)
    question = deps.curation.question_of(question_id) if question_id is not None else None
    pending = Pending(question, None, question_id, next(_serials)) if question is not None else None
    return await _start(update, context, pending)


async def edit_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not await require_organizer(update, deps):
        raise ApplicationHandlerStop(ConversationHandler.END)
    curated_id = cd.CURATE_EDIT.parse_id(query.data)
    existing = deps.curation.get(curated_id) if curated_id is not None else None
    pending = Pending(existing.question, existing.id, None, next(_serials)) if existing is not None else None
    return await _start(update, context, pending)


async def got_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """The organizer's answer: shown exactly as workers will see it, to confirm."""
    deps, message, pending = get_deps(context), update.effective_message, _pending(context)
    if message is None or pending is None:
        raise ApplicationHandlerStop(ConversationHandler.END)
    pending = replace(pending, text=(message.text or "").strip(), serial=next(_serials))
    _keep(context, pending)
    shown = CuratedAnswer(pending.curated_id or 0, pending.question, pending.text,
                          updated=deps.curation.today())
    await message.reply_text(texts.CURATE_PREVIEW_INTRO)
    await message.reply_text(answer_html(curated_answer(pending.question, shown, 1.0, texts.CURATED_SOURCE)),
                             reply_markup=_preview_keyboard(pending.serial))
    raise ApplicationHandlerStop(CONFIRM)


async def _button(update: Update, context: ContextTypes.DEFAULT_TYPE, action: cd.Action) -> Pending:
    """The pending capture a preview button belongs to; a stale or foreign button ends nothing."""
    query, deps, pending = update.callback_query, get_deps(context), _pending(context)
    if query is None or not await require_organizer(update, deps):
        raise ApplicationHandlerStop
    if pending is None or action.parse_id(query.data) != pending.serial:
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        raise ApplicationHandlerStop
    await query.answer()
    await query.edit_message_reply_markup(None)
    return pending


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    pending, deps, user = await _button(update, context, cd.CURATE_CONFIRM), get_deps(context), update.effective_user
    message = update.effective_message
    try:
        curated_id = deps.curation.save(pending.question, pending.text, user.id if user else None, pending.curated_id)
    except ArticleError as exc:
        if message is not None:
            await message.reply_text(texts.CURATE_STORE_BROKEN.format(problem=escape(str(exc))))
        raise ApplicationHandlerStop(CONFIRM) from None
    _keep(context, None)
    live = await _reindexed(deps)  # stored either way: say so, or the organizer saves it twice
    told = await deps.curation.tell_askers(pending.question_id, pending.text) if pending.question_id else 0
    if message is not None:
        await message.reply_text(texts.CURATE_SAVED.format(id=curated_id)
                                 + ("" if live else "\n" + texts.CURATE_SAVED_NOT_LIVE)
                                 + ("\n" + texts.CURATE_TOLD.format(count=told) if told else ""))
    raise ApplicationHandlerStop(ConversationHandler.END)


async def _reindexed(deps: Deps) -> bool:
    """Reload so a curated change answers at once; False (logged) when the knowledge fails to load."""
    try:
        await deps.knowledge.reload_async()
    except Exception:
        log.exception("curated answers stored, but the knowledge was not reloaded")
        return False
    return True


async def revise(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    await _button(update, context, cd.CURATE_REVISE)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.CURATE_REVISE)
    raise ApplicationHandlerStop(ANSWER)


async def abort(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    await _button(update, context, cd.CURATE_ABORT)
    _keep(context, None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.CURATE_CANCELLED)
    raise ApplicationHandlerStop(ConversationHandler.END)


async def use_existing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """Attach the question to an existing answer as another phrasing instead of a duplicate."""
    query, deps = update.callback_query, get_deps(context)
    args = cd.CURATE_USE.parse(query.data) if query else None
    if query is None or args is None or not await require_organizer(update, deps):
        raise ApplicationHandlerStop
    question_id, curated_id = int(args[0]), int(args[1])
    question, existing = deps.curation.question_of(question_id), deps.curation.get(curated_id)
    if question is None or existing is None or not deps.curation.attach(curated_id, question):
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        raise ApplicationHandlerStop
    _keep(context, None)
    await query.answer()
    await query.edit_message_reply_markup(None)
    live = await _reindexed(deps)
    told = await deps.curation.tell_askers(question_id, existing.answer)
    if isinstance(query.message, Message):
        await query.message.reply_text(texts.CURATE_ATTACHED.format(id=curated_id)
                                       + ("" if live else "\n" + texts.CURATE_SAVED_NOT_LIVE)
                                       + ("\n" + texts.CURATE_TOLD.format(count=told) if told else ""))
    raise ApplicationHandlerStop(ConversationHandler.END)


async def command_during_capture(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """A command is never an answer: /cancel ends the capture; any other ends it with a word and
    then runs as usual (the handlers of group 0 still see it)."""
    message = update.effective_message
    _keep(context, None)
    if message is None:
        return ConversationHandler.END
    if (message.text or "").split(maxsplit=1)[0].split("@")[0] == "/cancel":
        await message.reply_text(texts.CURATE_CANCELLED)
        raise ApplicationHandlerStop(ConversationHandler.END)
    await message.reply_text(texts.CURATE_COMMAND)
    return ConversationHandler.END


async def timed_out(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    _keep(context, None)
    if isinstance(update, Update) and update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, texts.CURATE_TIMEOUT)


async def delete_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not await require_organizer(update, deps):
        return
    curated_id = cd.CURATE_DELETE.parse_id(query.data)
    if curated_id is None or not isinstance(query.message, Message):
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    try:
        deleted = deps.curation.delete(curated_id)
    except ArticleError as exc:
        await query.answer(texts.CURATE_STORE_BROKEN.format(problem=str(exc))[:200], show_alert=True)
        return
    await _reindexed(deps)
    await query.answer(texts.CURATED_DELETED.format(id=curated_id) if deleted else texts.ALREADY_HANDLED,
                       show_alert=True)
    await redraw(query, deps, "cu")


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A capture button pressed with no capture under way (it timed out, or was pressed by someone
    who is not an organizer)."""
    query, deps = update.callback_query, get_deps(context)
    if query is not None and await require_organizer(update, deps):
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)


def capture_conversation(timeout_seconds: float) -> ConversationHandler[Any]:
    """The capture, per organizer (chat and user); see the module docstring."""
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # PTB warns that with per_message=False a CallbackQueryHandler is tracked per chat, not per
        # message: exactly what we want (the organizer's text arrives as a new message).
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(add_answer, pattern=cd.CURATE_ADD.pattern),
                          CallbackQueryHandler(edit_answer, pattern=cd.CURATE_EDIT.pattern)],
            states={
                ANSWER: [MessageHandler(private_text, got_text),
                         CallbackQueryHandler(use_existing, pattern=cd.CURATE_USE.pattern)],
                CONFIRM: [CallbackQueryHandler(confirm, pattern=cd.CURATE_CONFIRM.pattern),
                          CallbackQueryHandler(revise, pattern=cd.CURATE_REVISE.pattern),
                          CallbackQueryHandler(abort, pattern=cd.CURATE_ABORT.pattern),
                          MessageHandler(private_text, got_text)],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[MessageHandler(filters.COMMAND, command_during_capture)],
            allow_reentry=True, conversation_timeout=timeout_seconds, name="curated-answer-capture")
