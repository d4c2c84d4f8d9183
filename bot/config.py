"""Configuration as validated, frozen data.

``config.yaml`` is checked once at start-up against the dataclasses below: an unknown key, a
wrong type or a missing folder is a :class:`ConfigError` whose message names the key, so a typo
never turns into a silent default. Secrets (the bot token, the webhook secret) come only from
the environment.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.logging_setup import LEVELS
from knowledge.cleaning import DEFAULT_FURNITURE
from knowledge.engine import EngineSettings
from knowledge.index import VARIANTS


class ConfigError(ValueError):
    """The configuration cannot be used; the message says which key and why."""


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
class LoggingConfig:
    level: str = "INFO"


@dataclass(frozen=True)
class Config:
    knowledge: KnowledgeConfig = KnowledgeConfig()
    engine: EngineSettings = EngineSettings()
    telegram: TelegramConfig = TelegramConfig()
    storage: StorageConfig = StorageConfig()
    logging: LoggingConfig = LoggingConfig()
    organizers: tuple[int, ...] = ()
    timezone: str = "Asia/Shanghai"
    base_dir: Path = field(default=Path("."), compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_TYPE_NAMES = {int: "a whole number", float: "a number", str: "text", bool: "true or false", Path: "a path"}


def _convert(value: object, hint: object, key: str, base: Path) -> object:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
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
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):  # type: ignore[arg-type]
        raise ConfigError(f"{key}: expected {_TYPE_NAMES.get(hint, hint)}, got {value!r}")  # type: ignore[arg-type]
    return value


def _build(cls: type, data: object, prefix: str, base: Path) -> object:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix or 'config'}: expected a mapping of settings, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "base_dir"}
    unknown = sorted(set(map(str, data)) - set(fields))
    if unknown:
        where = f"{prefix}." if prefix else ""
        raise ConfigError(f"unknown key {where}{unknown[0]} (known: {', '.join(sorted(fields))})")
    kwargs = {}
    for name in fields:
        key = f"{prefix}.{name}" if prefix else name
        if name in data:
            kwargs[name] = _convert(data[name], hints[name], key, base)
        elif hints[name] is Path:
            kwargs[name] = (base / getattr(cls(), name)).resolve()
        elif dataclasses.is_dataclass(hints[name]):
            kwargs[name] = _build(hints[name], {}, key, base)
    return cls(**kwargs)


def _check(config: Config) -> None:
    if config.engine.variant not in VARIANTS:
        raise ConfigError(f"engine.variant: {config.engine.variant!r} is not one of {', '.join(VARIANTS)}")
    if not 0.0 <= config.engine.min_confidence <= 1.0:
        raise ConfigError("engine.min_confidence: must be between 0 and 1")
    if config.storage.retention_days < 1:
        raise ConfigError("storage.retention_days: must be at least 1")
    if not 0 <= config.telegram.poll_timeout <= 50:
        raise ConfigError("telegram.poll_timeout: must be between 0 and 50 seconds")
    if config.telegram.mode not in ("polling", "webhook"):
        raise ConfigError(f"telegram.mode: {config.telegram.mode!r} is not one of polling, webhook")
    if config.telegram.mode == "webhook" and not config.telegram.webhook.url.startswith("https://"):
        raise ConfigError("telegram.webhook.url: webhook mode needs the public https:// URL Telegram posts to")
    if config.logging.level not in LEVELS:
        raise ConfigError(f"logging.level: {config.logging.level!r} is not one of {', '.join(LEVELS)}")
    if not config.knowledge.articles.is_dir():
        raise ConfigError(f"knowledge.articles: folder {config.knowledge.articles} does not exist")
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: unknown time zone {config.timezone!r} (e.g. Asia/Shanghai)") from None


def parse_config(data: object, base_dir: Path) -> Config:
    """Validate already-parsed YAML; relative paths resolve against ``base_dir``."""
    config = _build(Config, data, "", base_dir)
    config = dataclasses.replace(config, base_dir=base_dir)  # type: ignore[type-var]
    _check(config)  # type: ignore[arg-type]
    return config  # type: ignore[return-value]


def load_config(path: Path) -> Config:
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
    return parse_config(data, path.resolve().parent)
