"""Inline-button presses: a sample question, the runner-up answer, 👍 / 👎 feedback."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.deps import get_deps
from bot.render import answer_html
from handlers import keyboards
from handlers.questions import send_answer


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    deps = get_deps(context)
    kind, args = keyboards.parse(query.data)
    user_id = query.from_user.id if query.from_user else None
    message = query.message if query.message and query.message.is_accessible else None

    if kind == keyboards.ASK_SAMPLE and args and args[0].isdigit() and message is not None:
        samples = deps.knowledge.samples
        index = int(args[0])
        if index >= len(samples):
            await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
            return
        await query.answer()
        await send_answer(message, context, samples[index], user_id)  # type: ignore[arg-type]
        return

    if kind == keyboards.RUNNER_UP and args and args[0].isdigit() and message is not None:
        engine = deps.knowledge.engine
        row = deps.storage.question(int(args[0]))
        candidate = engine.candidate(row["runner_up_id"]) if row and row["runner_up_id"] is not None else None
        if row is None or candidate is None:
            await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
            return
        await query.answer()
        await message.reply_html(answer_html(engine.answer_from(row["question"], candidate)))
        return

    if kind == keyboards.FEEDBACK and len(args) == 2 and args[0].isdigit() and args[1] in ("1", "-1"):
        if not deps.storage.record_feedback(int(args[0]), user_id, int(args[1])):
            await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
            return
        await query.answer(texts.FEEDBACK_THANKS if args[1] == "1" else texts.FEEDBACK_DOWN_THANKS)
        return

    await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
