"""Inline mode: ``@bot 问题`` in any chat offers up to three answers the worker can post."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot import texts
from bot.container import get_deps
from bot.render import answer_html, display, no_answer_html, source_line


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    if not query.query.strip():
        hint = InlineQueryResultsButton(texts.INLINE_HINT, start_parameter="help")
        await query.answer([], cache_time=60, button=hint)
        return
    deps = get_deps(context)
    engine = deps.knowledge.engine
    answer = deps.knowledge.ask(query.query)
    await deps.questions.record(answer, query.from_user.id, "inline")
    if not answer.answered or answer.best is None:
        result = InlineQueryResultArticle(
            id="none", title=texts.INLINE_NO_ANSWER_TITLE, description=" / ".join(answer.suggestions),
            input_message_content=InputTextMessageContent(no_answer_html(answer), parse_mode=ParseMode.HTML))
        await query.answer([result], cache_time=30)
        return
    results = []
    for candidate in (answer.best, *answer.runners_up)[:3]:
        shown = engine.answer_from(answer.question, candidate)
        results.append(InlineQueryResultArticle(
            id=str(candidate.sentence_id), title=display(candidate.sentence[:100]),
            description=f"{display(candidate.passage[:120])} — {source_line(candidate.source)}"[:200],
            input_message_content=InputTextMessageContent(answer_html(shown), parse_mode=ParseMode.HTML)))
    await query.answer(results, cache_time=30)
