"""The README, /help and the registered commands must not drift apart."""

import dataclasses
import re
import typing

from telegram.ext import CommandHandler

from bot import texts
from bot.config import NOT_FROM_FILE, TOKEN_ENV, parse_config
from bot.telegram.app import assemble
from tests.conftest import ROOT
from tests.helpers import project_settings


def test_every_command_is_documented_and_registered(project, tokenizer):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `/(\w+)` \|", readme, flags=re.M))
    declared = set(texts.COMMANDS) | set(texts.ORGANIZER_COMMANDS)
    application, deps = assemble(parse_config(project_settings(), project, {TOKEN_ENV: "123:TEST"}),
                                 tokenizer=tokenizer)
    registered = {c for group in application.handlers.values() for h in group if isinstance(h, CommandHandler)
                  for c in h.commands}
    deps.close()
    assert documented == declared == registered


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1200]
    assert "make run" in head and "make test" in head
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_static_texts_are_valid_telegram_html():
    from tests.standin import visible_text

    for name, value in vars(texts).items():
        if name.isupper() and isinstance(value, str) and "{" not in value:
            visible_text(value, "HTML")  # raises on a bare & or < or an unknown tag


def config_keys(cls: type, prefix: str = "") -> list[str]:
    """Dotted names of every setting, nested sections included (engine.k1, telegram.webhook.port)."""
    keys = []
    for name, hint in typing.get_type_hints(cls).items():
        if name in NOT_FROM_FILE:
            continue
        keys += config_keys(hint, f"{prefix}{name}.") if dataclasses.is_dataclass(hint) else [f"{prefix}{name}"]
    return keys


def test_every_configuration_key_is_documented():
    from bot.config import Config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration"):readme.index("## Using the bot")]
    missing = [k for k in config_keys(Config) if f"`{k}`" not in section and f"`{k.rsplit('.', 1)[-1]}`" not in section]
    assert missing == []
