"""Questions: any text in a private chat, ``/ask`` anywhere, and in groups only when addressed
(an @mention of the bot or a reply to one of its messages). Ordinary group chatter is ignored."""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot import texts
from bot.container import get_deps
from bot.render import answer_html, small_talk_text
from handlers.keyboards import answer_keyboard, related_keyboard, samples_keyboard
from knowledge.answer import AnswerKind
from knowledge.engine import MAX_QUESTION_CHARS


async def send_answer(message: Message, context: ContextTypes.DEFAULT_TYPE, question: str,
                      user_id: int | None) -> None:
    """Ask the engine, log the exchange, reply threaded to the asker's message."""
    deps = get_deps(context)
    if not question.strip():
        await message.reply_text(texts.EMPTY_QUESTION, do_quote=message.chat.type != ChatType.PRIVATE)
        return
    answer = deps.knowledge.ask(question)
    quote = message.chat.type != ChatType.PRIVATE
    if answer.kind is AnswerKind.SMALL_TALK:  # not a question: no log entry, no apology, no buttons
        await message.reply_text(small_talk_text(answer), do_quote=quote)
        return
    question_id = deps.questions.log(answer, user_id, message.chat.type, message.chat.id)
    html = answer_html(answer)
    if len(question) > MAX_QUESTION_CHARS:
        html = texts.TOO_LONG.format(limit=MAX_QUESTION_CHARS) + "\n\n" + html
    if answer.kind is AnswerKind.PARTIAL:  # logged as unanswered; the related passage one tap away
        markup = related_keyboard(question_id)
    elif answer.answered:
        markup = answer_keyboard(answer, question_id)
    else:
        markup = samples_keyboard(answer.suggestions, deps.knowledge.samples)
    await message.reply_html(html, reply_markup=markup, do_quote=quote)


def _user_id(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message and message.text is not None:
        await send_answer(message, context, message.text, _user_id(update))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question.strip():
        await message.reply_text(texts.ASK_USAGE, do_quote=message.chat.type != ChatType.PRIVATE)
        return
    await send_answer(message, context, question, _user_id(update))


def _strip_mentions(message: Message, username: str) -> tuple[bool, str]:
    """Was the bot @mentioned? Returns that and the text without the mention."""
    text = message.text or ""
    mentioned = False
    for value in message.parse_entities([MessageEntity.MENTION]).values():
        if value.lstrip("@").lower() == username.lower():
            mentioned = True
            text = text.replace(value, " ")
    return mentioned, text.strip()


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    mentioned, text = _strip_mentions(message, context.bot.username)
    reply = message.reply_to_message
    replied_to_bot = bool(reply and reply.from_user and reply.from_user.id == context.bot.id)
    if mentioned or replied_to_bot:
        await send_answer(message, context, text, _user_id(update))
