"""Organizer tools to improve the answers: /stats, /unanswered (with 补充答案), /curated, /reload,
and capturing the answer an organizer types after pressing 补充答案 or 修改."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts
from bot.charts import questions_per_day_png, text_bars
from bot.container import Deps, get_deps
from bot.textlimits import clip
from handlers import callback_data as cd
from handlers.access import organizer_command, require_organizer
from handlers.keyboards import curated_keyboard, unanswered_keyboard
from knowledge.articles import ArticleError

log = logging.getLogger("luban.curation")
CURATING = "curating"  # user_data key: the question the organizer is answering


@dataclass(frozen=True)
class Pending:
    question: str
    curated_id: int | None   # None: a new answer


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
    groups = deps.curation.unanswered()
    if not groups:
        await message.reply_text(texts.UNANSWERED_NONE)
        return
    lines = [texts.UNANSWERED_TITLE]
    for n, g in enumerate(groups, 1):
        down = f"{texts.UNANSWERED_DOWN} {g.thumbs_down}" if g.thumbs_down else ""
        lines.append(texts.UNANSWERED_ITEM.format(n=n, question=escape(clip(g.question, 200)), count=g.count,
                                                  down=down))
    await message.reply_text("\n".join(lines), reply_markup=unanswered_keyboard(groups))


@organizer_command
async def curated(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    answers = deps.curation.curated()
    if not answers:
        await message.reply_text(texts.CURATED_NONE)
        return
    for a in answers[-20:]:
        await message.reply_text(texts.CURATED_ITEM.format(id=a.id, question=escape(clip(a.question, 200)),
                                                           answer=escape(clip(a.answer, 3500))),
                                 reply_markup=curated_keyboard(a))


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


async def _prompt(update: Update, context: ContextTypes.DEFAULT_TYPE, pending: Pending | None) -> None:
    """Ask for the answer to ``pending`` and remember it for the organizer's next message."""
    query = update.callback_query
    if query is None:
        return
    if pending is None or not isinstance(query.message, Message) or context.user_data is None:
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    context.user_data[CURATING] = pending
    await query.answer()
    await query.message.reply_text(texts.CURATE_PROMPT.format(question=escape(clip(pending.question, 3500))))


async def add_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not await require_organizer(update, deps):
        return
    question_id = cd.CURATE_ADD.parse_id(query.data)
    question = deps.curation.question_of(question_id) if question_id is not None else None
    await _prompt(update, context, Pending(question, None) if question is not None else None)


async def edit_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not await require_organizer(update, deps):
        return
    curated_id = cd.CURATE_EDIT.parse_id(query.data)
    existing = deps.curation.get(curated_id) if curated_id is not None else None
    await _prompt(update, context, Pending(existing.question, existing.id) if existing is not None else None)


async def delete_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    if query is None or not await require_organizer(update, deps):
        return
    curated_id = cd.CURATE_DELETE.parse_id(query.data)
    if curated_id is None or not isinstance(query.message, Message):
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    deleted = deps.curation.delete(curated_id)
    await _reindexed(deps)
    await query.answer(texts.CURATED_DELETED.format(id=curated_id) if deleted else texts.ALREADY_HANDLED,
                       show_alert=True)


async def capture_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After 补充答案, the organizer's next private message is the answer (not a question)."""
    deps, message, user = get_deps(context), update.effective_message, update.effective_user
    pending = (context.user_data or {}).get(CURATING)
    if not isinstance(pending, Pending) or message is None or user is None or not deps.is_organizer(user.id):
        return
    if context.user_data is not None:
        context.user_data.pop(CURATING, None)
    if (message.text or "").strip() == "/cancel":
        await message.reply_text(texts.CURATE_CANCELLED)
        raise ApplicationHandlerStop
    curated_id = deps.curation.save(pending.question, (message.text or "").strip(), user.id, pending.curated_id)
    reply = texts.CURATE_SAVED.format(id=curated_id)
    if not await _reindexed(deps):  # stored all the same: say so, or the organizer saves it twice
        reply += "\n" + texts.CURATE_SAVED_NOT_LIVE
    await message.reply_text(reply)
    raise ApplicationHandlerStop


async def _reindexed(deps: Deps) -> bool:
    """Reload so a curated change answers at once; False (logged) when the folder fails to load."""
    try:
        await deps.knowledge.reload_async()
    except Exception:
        log.exception("curated answers stored, but the knowledge was not reloaded")
        return False
    return True
