"""The one settings object: ``config.yaml`` and the environment, read once, validated once.

The file is checked at start-up against the dataclasses below: an unknown key, a wrong type, a
value out of range or a missing folder is a :class:`ConfigError` whose message names the key, so
a typo never turns into a silent default. Secrets (the bot token, the webhook secret), the
Bot API address overrides and ``LOG_LEVEL`` come only from the environment, read here and nowhere
else.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from knowledge.cleaning import DEFAULT_FURNITURE
from knowledge.engine import EngineSettings
from knowledge.index import VARIANTS

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
API_BASE_URL_ENV = "TELEGRAM_API_BASE_URL"
API_BASE_FILE_URL_ENV = "TELEGRAM_API_BASE_FILE_URL"
LOG_LEVEL_ENV = "LOG_LEVEL"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
FREE_RATE = 30             # messages per second Telegram allows a bot without paying
FREE_PACE = 25             # the pace the bot keeps under it (bot.telegram.pacing)
PAID_RATE_LIMIT = 1000     # messages per second with allow_paid_broadcast
T = TypeVar("T")


class ConfigError(ValueError):
    """The configuration cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class Secrets:
    """From the environment only; kept out of ``repr`` so they never reach a log line."""

    token: str = field(default="", repr=False)
    webhook_secret: str = field(default="", repr=False)


@dataclass(frozen=True)
class KnowledgeConfig:
    articles: Path = Path("knowledge/articles")
    furniture: tuple[str, ...] = DEFAULT_FURNITURE


@dataclass(frozen=True)
class WebhookConfig:
    listen: str = "127.0.0.1"
    port: int = 8443
    url: str = ""
    path: str = "telegram"
    secret_token_env: str = "TELEGRAM_WEBHOOK_SECRET"


@dataclass(frozen=True)
class TelegramConfig:
    api_base_url: str = "https://api.telegram.org/bot"
    api_base_file_url: str = "https://api.telegram.org/file/bot"
    mode: str = "polling"
    poll_timeout: int = 10
    webhook: WebhookConfig = WebhookConfig()


@dataclass(frozen=True)
class StorageConfig:
    path: Path = Path("var/luban.sqlite3")
    retention_days: int = 180


@dataclass(frozen=True)
class CurationConfig:
    notify_askers: bool = True  # tell private-chat askers when an organizer answers their question
    capture_timeout_seconds: int = 900  # an unfinished 补充答案 ends after this long idle


@dataclass(frozen=True)
class LoggingConfig:
    level: str = "INFO"  # LOG_LEVEL in the environment overrides it; -v/-q override both


@dataclass(frozen=True)
class AnnouncementsConfig:
    """Paid broadcasts: Telegram lets a bot send up to 1,000 messages/s with ``allow_paid_broadcast``
    for 0.1 Stars per message above its free ~30/s, taken from the bot's Stars balance."""

    paid_broadcast: bool = False
    paid_rate: int = 950    # messages per second when paid (Telegram's ceiling 1,000; 950 keeps a margin)


@dataclass(frozen=True)
class Config:
    knowledge: KnowledgeConfig = KnowledgeConfig()
    engine: EngineSettings = EngineSettings()
    telegram: TelegramConfig = TelegramConfig()
    storage: StorageConfig = StorageConfig()
    logging: LoggingConfig = LoggingConfig()
    announcements: AnnouncementsConfig = AnnouncementsConfig()
    curation: CurationConfig = CurationConfig()
    organizers: tuple[int, ...] = ()
    timezone: str = "Asia/Shanghai"
    base_dir: Path = field(default=Path("."), compare=False)
    secrets: Secrets = field(default=Secrets(), compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_TYPE_NAMES: dict[object, str] = {int: "a whole number", float: "a number", str: "text", bool: "true or false",
                                   Path: "a path"}
NOT_FROM_FILE = ("base_dir", "secrets")


def _convert(value: object, hint: object, key: str, base: Path) -> object:
    origin = typing.get_origin(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, key, base)
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{key}: expected a list, got {type(value).__name__}")
        item_type = typing.get_args(hint)[0]
        return tuple(_convert(v, item_type, f"{key}[{i}]", base) for i, v in enumerate(value))
    if origin in (typing.Union, types.UnionType):
        return value
    if hint is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{key}: expected a path, got {value!r}")
        path = Path(value).expanduser()
        return path if path.is_absolute() else (base / path).resolve()
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(hint, type) or not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise ConfigError(f"{key}: expected {_TYPE_NAMES.get(hint, hint)}, got {value!r}")
    return value


def _build(cls: type[T], data: object, prefix: str, base: Path) -> T:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix or 'config'}: expected a mapping of settings, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(typing.cast(Any, cls)) if f.name not in NOT_FROM_FILE}
    unknown = sorted(set(map(str, data)) - set(fields))
    if unknown:
        where = f"{prefix}." if prefix else ""
        raise ConfigError(f"unknown key {where}{unknown[0]} (known: {', '.join(sorted(fields))})")
    kwargs: dict[str, Any] = {}
    for name in fields:
        key = f"{prefix}.{name}" if prefix else name
        if name in data:
            kwargs[name] = _convert(data[name], hints[name], key, base)
        elif hints[name] is Path:
            kwargs[name] = (base / getattr(cls(), name)).resolve()
        elif dataclasses.is_dataclass(hints[name]):
            kwargs[name] = _build(hints[name], {}, key, base)
    return cls(**kwargs)


def _in_range(key: str, value: float, low: float, high: float, *, open_low: bool = False) -> None:
    if value < low or value > high or (open_low and value == low):
        span = f"{'above' if open_low else 'at least'} {low:g} and at most {high:g}"
        raise ConfigError(f"{key}: must be {span}, got {value:g}")


def _check(config: Config) -> None:
    engine = config.engine
    if engine.variant not in VARIANTS:
        raise ConfigError(f"engine.variant: {engine.variant!r} is not one of {', '.join(VARIANTS)}")
    _in_range("engine.k1", engine.k1, 0.0, 100.0, open_low=True)
    _in_range("engine.b", engine.b, 0.0, 1.0)
    _in_range("engine.min_confidence", engine.min_confidence, 0.0, 1.0)
    for name in ("context_weight", "bigram_weight", "intent_boost"):
        _in_range(f"engine.{name}", getattr(engine, name), 0.0, 100.0)
    for name in ("tie_ratio", "recency_ratio", "runner_up_ratio"):
        _in_range(f"engine.{name}", getattr(engine, name), 0.0, 1.0, open_low=True)
    _in_range("engine.rerank_depth", engine.rerank_depth, 1, 10_000)
    _in_range("announcements.paid_rate", config.announcements.paid_rate, FREE_RATE, PAID_RATE_LIMIT, open_low=True)
    _in_range("telegram.webhook.port", config.telegram.webhook.port, 1, 65535)
    _in_range("curation.capture_timeout_seconds", config.curation.capture_timeout_seconds, 1, 86400)
    if config.storage.retention_days < 1:
        raise ConfigError("storage.retention_days: must be at least 1")
    if not 0 <= config.telegram.poll_timeout <= 50:
        raise ConfigError("telegram.poll_timeout: must be between 0 and 50 seconds")
    if config.telegram.mode not in ("polling", "webhook"):
        raise ConfigError(f"telegram.mode: {config.telegram.mode!r} is not one of polling, webhook")
    if config.telegram.mode == "webhook" and not config.telegram.webhook.url.startswith("https://"):
        raise ConfigError("telegram.webhook.url: webhook mode needs the public https:// URL Telegram posts to")
    if config.logging.level not in LOG_LEVELS:
        raise ConfigError(f"logging.level: {config.logging.level!r} is not one of {', '.join(LOG_LEVELS)}")
    if not config.knowledge.articles.is_dir():
        raise ConfigError(f"knowledge.articles: folder {config.knowledge.articles} does not exist")
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: unknown time zone {config.timezone!r} (e.g. Asia/Shanghai)") from None


def _from_environment(config: Config, environ: Mapping[str, str]) -> Config:
    """Secrets, and the Bot API address and log level when the environment overrides the file's."""
    level = environ.get(LOG_LEVEL_ENV, "").strip().upper()
    if level and level not in LOG_LEVELS:
        raise ConfigError(f"{LOG_LEVEL_ENV}={environ[LOG_LEVEL_ENV]!r} is not one of {', '.join(LOG_LEVELS)}")
    logging = dataclasses.replace(config.logging, level=level or config.logging.level)
    telegram = dataclasses.replace(
        config.telegram,
        api_base_url=environ.get(API_BASE_URL_ENV) or config.telegram.api_base_url,
        api_base_file_url=environ.get(API_BASE_FILE_URL_ENV) or config.telegram.api_base_file_url)
    secrets = Secrets(token=environ.get(TOKEN_ENV, "").strip(),
                      webhook_secret=environ.get(config.telegram.webhook.secret_token_env, ""))
    return dataclasses.replace(config, telegram=telegram, logging=logging, secrets=secrets)


def parse_config(data: object, base_dir: Path, environ: Mapping[str, str] | None = None) -> Config:
    """Validate already-parsed YAML and the environment (``os.environ`` unless given); relative
    paths resolve against ``base_dir``."""
    config = dataclasses.replace(_build(Config, data, "", base_dir), base_dir=base_dir)
    _check(config)
    return _from_environment(config, os.environ if environ is None else environ)


def load_config(path: Path, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate a config file; every problem is a ConfigError naming the file or key."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config file {path} not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"config file {path} cannot be read ({exc.strerror})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"config file {path} is not valid YAML{where}") from None
    return parse_config(data, path.resolve().parent, environ)
