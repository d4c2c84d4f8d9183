"""Questions: any text in a private chat, ``/ask`` anywhere, and in groups only when addressed
(an @mention of the bot or a reply to one of its messages). Ordinary group chatter is ignored."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.container import get_deps
from bot.render import answer_html, small_talk_text
from bot.sanitize import strip_control
from handlers.keyboards import answer_keyboard, related_keyboard, samples_keyboard
from handlers.replying import send_reply
from knowledge.answer import AnswerKind
from knowledge.engine import MAX_QUESTION_CHARS


async def send_answer(message: Message, context: ContextTypes.DEFAULT_TYPE, question: str,
                      user_id: int | None) -> None:
    """Ask the engine, log the exchange off the event loop, reply (retried on transient faults)
    threaded to the asker's message. Without a log row the answer goes out without buttons."""
    deps = get_deps(context)
    question = strip_control(question)
    if not question.strip():
        await send_reply(context, message, texts.EMPTY_QUESTION, html=False)
        return
    answer = deps.knowledge.ask(question)
    if answer.kind is AnswerKind.SMALL_TALK:  # not a question: no log entry, no apology, no buttons
        await send_reply(context, message, small_talk_text(answer))
        return
    question_id = await deps.questions.record(answer, user_id, message.chat.type, message.chat.id)
    html = answer_html(answer)
    if len(question) > MAX_QUESTION_CHARS:
        html = texts.TOO_LONG.format(limit=MAX_QUESTION_CHARS) + "\n\n" + html
    markup: InlineKeyboardMarkup | None
    if not answer.answered and answer.kind is not AnswerKind.PARTIAL:
        markup = samples_keyboard(answer.suggestions, deps.knowledge.samples)
    elif question_id is None:  # the log row was lost: buttons that need it are left out
        markup = None
    elif answer.kind is AnswerKind.PARTIAL:  # logged as unanswered; the related passage one tap away
        markup = related_keyboard(question_id)
    else:
        markup = answer_keyboard(answer, question_id)
    await send_reply(context, message, html, markup=markup)


def message_text(message: Message) -> str | None:
    """What a worker wrote: the text, or the caption of a photo (or file) sent with a question."""
    return message.text if message.text is not None else message.caption


def _user_id(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    text = message_text(message) if message else None
    if message and text is not None:
        await send_answer(message, context, text, _user_id(update))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question.strip():
        await send_reply(context, message, texts.ASK_USAGE, html=False)
        return
    await send_answer(message, context, question, _user_id(update))


def _strip_mentions(message: Message, username: str) -> tuple[bool, str]:
    """Was the bot @mentioned? Returns that and the text (or caption) without the mention."""
    text = message_text(message) or ""
    mentioned = False
    entities = message.parse_entities([MessageEntity.MENTION]) if message.text is not None \
        else message.parse_caption_entities([MessageEntity.MENTION])
    for value in entities.values():
        if value.lstrip("@").lower() == username.lower():
            mentioned = True
            text = text.replace(value, " ")
    return mentioned, text.strip()


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or message_text(message) is None:
        return
    mentioned, text = _strip_mentions(message, context.bot.username)
    reply = message.reply_to_message
    replied_to_bot = bool(reply and reply.from_user and reply.from_user.id == context.bot.id)
    if mentioned or replied_to_bot:
        await send_answer(message, context, text, _user_id(update))
