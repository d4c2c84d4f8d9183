"""The one typed container through which handlers reach services (kept in ``bot_data``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.config import Config
from bot.curation import Curation
from bot.knowledge_service import KnowledgeService
from bot.storage import Storage

if TYPE_CHECKING:
    from bot.announcements import Announcements

DEPS_KEY = "deps"


@dataclass
class Deps:
    config: Config
    knowledge: KnowledgeService
    storage: Storage
    curation: Curation
    announcements: Announcements | None = None

    def is_organizer(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.config.organizers


def get_deps(context: Any) -> Deps:
    """The container stored by ``build_application``; ``context`` is a PTB CallbackContext."""
    return context.application.bot_data[DEPS_KEY]
