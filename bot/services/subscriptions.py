"""Who receives announcements: private chats subscribe themselves, groups through an admin
(the handler checks that), and chats that blocked the bot or vanished are deactivated."""

from __future__ import annotations

from bot.models import Subscribers
from bot.storage.subscribers import SubscriberRepository


class Subscriptions:
    def __init__(self, subscribers: SubscriberRepository):
        self.subscribers = subscribers

    def subscribe(self, chat_id: int, chat_type: str) -> bool:
        """True if the chat was not subscribed before."""
        return self.subscribers.subscribe(chat_id, chat_type)

    def unsubscribe(self, chat_id: int, reason: str = "unsubscribed") -> bool:
        """True if the chat was subscribed before."""
        return self.subscribers.unsubscribe(chat_id, reason)

    def set(self, chat_id: int, chat_type: str, on: bool) -> bool:
        """Subscribe or unsubscribe; True if that changed anything."""
        return self.subscribe(chat_id, chat_type) if on else self.unsubscribe(chat_id)

    def left(self, chat_id: int, status: str) -> None:
        """The bot was blocked or removed from the chat."""
        self.subscribers.unsubscribe(chat_id, f"bot {status}")

    def migrated(self, old_id: int, new_id: int) -> None:
        self.subscribers.migrate(old_id, new_id)

    def is_subscribed(self, chat_id: int) -> bool:
        return self.subscribers.is_subscribed(chat_id)

    def subscriber_counts(self) -> Subscribers:
        return self.subscribers.counts()
