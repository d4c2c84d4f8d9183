"""Organizer tools to improve the answers: /stats, /unanswered (with 补充答案), /curated, /reload."""

from __future__ import annotations

import logging
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import texts
from bot.charts import questions_per_day_png, text_bars
from bot.deps import Deps, get_deps
from handlers.keyboards import parse
from handlers.organizer import organizer_command, require_organizer
from knowledge.articles import ArticleError

log = logging.getLogger("luban.curation")
CURATING = "curating"  # user_data key: the question the organizer is answering


@organizer_command
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    figures = deps.curation.stats()
    lines = [texts.STATS.format(**(figures | {"answered_share": f"{figures['answered_share']:.0%}"}))]
    if figures["top_questions"]:
        lines += ["", texts.STATS_TOP_QUESTIONS]
        lines += [f"{n}× {escape(q)}" for q, n in figures["top_questions"]]
    if figures["top_passages"]:
        lines += ["", texts.STATS_TOP_PASSAGES]
        lines += [f"{n}× {escape(s[:60])}" for s, n in figures["top_passages"]]
    await message.reply_text("\n".join(lines))
    days = deps.curation.per_day()
    try:
        await message.reply_photo(questions_per_day_png(days), caption=texts.STATS_CHART_CAPTION)
    except (TelegramError, ImportError, RuntimeError, ValueError) as exc:  # no picture: the same as text
        log.warning("chart not sent: %s", exc)
        await message.reply_text(f"{texts.STATS_CHART_CAPTION}\n<pre>{escape(text_bars(days))}</pre>")


@organizer_command
async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    groups = deps.curation.unanswered()
    if not groups:
        await message.reply_text(texts.UNANSWERED_NONE)
        return
    lines = [texts.UNANSWERED_TITLE]
    buttons = []
    for n, g in enumerate(groups, 1):
        down = f"{texts.UNANSWERED_DOWN} {g.thumbs_down}" if g.thumbs_down else ""
        lines.append(texts.UNANSWERED_ITEM.format(n=n, question=escape(g.question), count=g.count, down=down))
        buttons.append(InlineKeyboardButton(texts.BUTTON_ADD_ANSWER.format(n=n),
                                            callback_data=f"cur:add:{g.question_id}"))
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    await message.reply_text("\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


@organizer_command
async def curated(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    answers = deps.curation.curated()
    if not answers:
        await message.reply_text(texts.CURATED_NONE)
        return
    for a in answers[-20:]:
        markup = InlineKeyboardMarkup([[
            InlineKeyboardButton(texts.BUTTON_EDIT.format(id=a.id), callback_data=f"cur:edit:{a.id}"),
            InlineKeyboardButton(texts.BUTTON_DELETE.format(id=a.id), callback_data=f"cur:del:{a.id}")]])
        await message.reply_text(texts.CURATED_ITEM.format(id=a.id, question=escape(a.question),
                                                           answer=escape(a.answer)), reply_markup=markup)


@organizer_command
async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    before = deps.knowledge.last_load
    try:
        after = await deps.knowledge.reload_async()
    except (ArticleError, ValueError, OSError) as exc:
        await message.reply_text(texts.RELOAD_FAILED.format(problem=escape(str(exc))))
        return
    await message.reply_text(texts.RELOADED.format(
        articles=after.articles, articles_delta=f"{after.articles - before.articles:+d}", passages=after.passages,
        passages_delta=f"{after.passages - before.passages:+d}", curated=after.curated, seconds=after.seconds))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not await require_organizer(update, context, deps):
        return
    _, args = parse(query.data)
    action, arg = (args + ["", ""])[:2]
    message = query.message if query.message and query.message.is_accessible else None
    if not arg.isdigit() or message is None:
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    if action == "add":
        row = deps.storage.question(int(arg))
        if row is None:
            await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
            return
        context.user_data[CURATING] = {"question": row["question"], "id": None}  # type: ignore[index]
        question = row["question"]
    elif action == "edit" and (existing := deps.curation.get(int(arg))) is not None:
        context.user_data[CURATING] = {"question": existing.question, "id": existing.id}  # type: ignore[index]
        question = existing.question
    elif action == "del":
        deleted = deps.curation.delete(int(arg))
        await deps.knowledge.reload_async()
        await query.answer(texts.CURATED_DELETED.format(id=arg) if deleted else texts.ALREADY_HANDLED, show_alert=True)
        return
    else:
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    await query.answer()
    await message.reply_text(texts.CURATE_PROMPT.format(question=escape(question)))  # type: ignore[union-attr]


async def capture_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After 补充答案, the organizer's next private message is the answer (not a question)."""
    deps, message, user = get_deps(context), update.effective_message, update.effective_user
    pending = (context.user_data or {}).get(CURATING)
    if pending is None or message is None or not deps.is_organizer(user and user.id):
        return
    context.user_data.pop(CURATING, None)  # type: ignore[union-attr]
    if (message.text or "").strip() == "/cancel":
        await message.reply_text(texts.CURATE_CANCELLED)
        raise ApplicationHandlerStop
    answer = (message.text or "").strip()
    curated_id = deps.curation.save(pending["question"], answer, user.id if user else None, pending["id"])
    await deps.knowledge.reload_async()
    await message.reply_text(texts.CURATE_SAVED.format(id=curated_id))
    raise ApplicationHandlerStop


def curation_handlers() -> list:
    new = filters.UpdateType.MESSAGE
    return [
        CommandHandler("stats", stats, filters=new),
        CommandHandler("unanswered", unanswered, filters=new),
        CommandHandler("curated", curated, filters=new),
        CommandHandler("reload", reload, filters=new),
        CallbackQueryHandler(on_button, pattern=r"^cur:"),
    ]


# Registered in an earlier handler group than questions: private text only.
CAPTURE = MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.TEXT, capture_answer)
