"""/start and /help: what the bot does, sample questions as buttons, and the commands."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot import texts
from bot.container import get_deps
from handlers.keyboards import samples_keyboard

START_SAMPLES = 4


def commands_for(is_organizer: bool) -> dict[str, str]:
    return texts.COMMANDS | (texts.ORGANIZER_COMMANDS if is_organizer else {})


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    samples = get_deps(context).knowledge.samples
    private = message.chat.type == ChatType.PRIVATE
    text = texts.START.format(name=texts.BOT_NAME)
    if private:
        text += "\n\n" + texts.START_SUBSCRIBE_HINT
    await message.reply_text(text, reply_markup=samples_keyboard(samples[:START_SAMPLES], samples, subscribe=private))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    user = update.effective_user
    commands = commands_for(get_deps(context).is_organizer(user.id if user else None))
    listing = "\n".join(f"/{name} — {escape(desc)}" for name, desc in commands.items())
    await message.reply_html(texts.HELP.format(username=escape(context.bot.username or ""), commands=listing))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats get a pointer to /help; in groups only commands addressed to this bot do."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    command = message.text.split()[0]
    if message.chat.type != ChatType.PRIVATE:
        if "@" not in command or command.split("@", 1)[1].lower() != (context.bot.username or "").lower():
            return
    await message.reply_text(texts.UNKNOWN_COMMAND, do_quote=message.chat.type != ChatType.PRIVATE)


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice … in a private chat: explain that questions are text."""
    if update.effective_message:
        await update.effective_message.reply_text(texts.NON_TEXT)
