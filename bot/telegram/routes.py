"""Routing: which handler answers which update, in one table. Edits and channel posts are
ignored on purpose (only new messages count); the curated-answer capture (a ConversationHandler)
runs in an earlier group so an organizer's reply is not taken for a question."""

from __future__ import annotations

from typing import Any

from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from handlers import (
    announcement_buttons,
    buttons,
    curation,
    inline,
    organizer,
    pages,
    questions,
    start,
    subscriptions,
)
from handlers import callback_data as cd

CAPTURE_GROUP = -1


def routes(capture_timeout: float = 900) -> list[tuple[int, BaseHandler[Any, Any, Any]]]:
    new = filters.UpdateType.MESSAGE
    worded = filters.TEXT | filters.CAPTION  # a photo with a question in its caption is a question
    commands = {
        "start": start.start, "help": start.help_command, "ask": questions.ask_command,
        "subscribe": subscriptions.subscribe, "unsubscribe": subscriptions.unsubscribe,
        "announce": organizer.announce, "schedule": organizer.schedule, "scheduled": organizer.scheduled,
        "announcements": organizer.announcements, "stats": curation.stats, "unanswered": curation.unanswered,
        "curated": curation.curated, "reload": curation.reload,
    }
    button_actions = [
        (cd.ASK_SAMPLE, buttons.ask_sample), (cd.RUNNER_UP, buttons.runner_up), (cd.FEEDBACK, buttons.feedback),
        (cd.SUBSCRIBE, subscriptions.subscription_button),
        (cd.CONFIRM, announcement_buttons.confirm), (cd.DISCARD, announcement_buttons.discard),
        (cd.CANCEL_SCHEDULED, announcement_buttons.cancel_scheduled), (cd.RECALL, announcement_buttons.recall),
        (cd.RECALL_YES, announcement_buttons.recall_confirmed), (cd.RECALL_NO, announcement_buttons.recall_kept),
        (cd.CURATE_DELETE, curation.delete_answer), (cd.PAGE, pages.page_button), (cd.FULL, pages.full_button),
        # Preview and "use an existing answer" buttons outside a capture (stale, or not an organizer).
        (cd.CURATE_USE, curation.stale_button), (cd.CURATE_CONFIRM, curation.stale_button),
        (cd.CURATE_REVISE, curation.stale_button), (cd.CURATE_ABORT, curation.stale_button),
    ]
    handlers: list[BaseHandler[Any, Any, Any]] = [
        *(CommandHandler(name, callback, filters=new) for name, callback in commands.items()),
        *(CallbackQueryHandler(callback, pattern=action.pattern) for action, callback in button_actions),
        CallbackQueryHandler(buttons.expired),
        MessageHandler(filters.StatusUpdate.MIGRATE, subscriptions.migration),
        ChatMemberHandler(subscriptions.membership, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(new & filters.ChatType.PRIVATE & worded & ~filters.COMMAND, questions.private_text),
        MessageHandler(new & filters.ChatType.GROUPS & worded & ~filters.COMMAND, questions.group_text),
        MessageHandler(new & filters.COMMAND, start.unknown_command),
        MessageHandler(new & filters.ChatType.PRIVATE & ~worded, start.non_text),
        InlineQueryHandler(inline.inline_query),
    ]
    capture = curation.capture_conversation(capture_timeout)
    return [(CAPTURE_GROUP, capture)] + [(0, h) for h in handlers]
