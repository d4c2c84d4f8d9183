"""Inline-button presses under an answer or /start: a sample question, the runner-up answer,
👍 / 👎 feedback, and any button too old to mean anything now."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.container import get_deps
from bot.render import answer_html
from handlers import callback_data as cd
from handlers.questions import send_answer
from handlers.replying import send_reply


async def ask_sample(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    samples, index = get_deps(context).knowledge.samples, cd.ASK_SAMPLE.parse_id(query.data)
    message = query.message if isinstance(query.message, Message) else None
    if index is None or index >= len(samples) or message is None:
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    await query.answer()
    await send_answer(message, context, samples[index], query.from_user.id)


async def runner_up(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    question_id = cd.RUNNER_UP.parse_id(query.data)
    answer = get_deps(context).questions.runner_up(question_id) if question_id is not None else None
    message = query.message if isinstance(query.message, Message) else None
    if answer is None or message is None:
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    await query.answer()
    await send_reply(context, message, answer_html(answer))


async def feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    args = cd.FEEDBACK.parse(query.data) if query else None
    if query is None or args is None:
        return
    value = int(args[1])
    if not await get_deps(context).questions.feedback(int(args[0]), query.from_user.id, value):
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    await query.answer(texts.FEEDBACK_THANKS if value == 1 else texts.FEEDBACK_DOWN_THANKS)


async def expired(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Data no current action understands (an old keyboard, a forged press)."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.EXPIRED_BUTTON, show_alert=True)
