"""The README, /help and the registered commands must not drift apart."""

import re

from telegram.ext import CommandHandler

from bot import texts
from bot.app import build_application
from bot.runner import make_deps
from tests.conftest import ROOT


def test_every_command_is_documented_and_registered(config, tokenizer):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `/(\w+)` \|", readme, flags=re.M))
    declared = set(texts.COMMANDS) | set(texts.ORGANIZER_COMMANDS)
    deps = make_deps(config, tokenizer)
    application = build_application(config, deps, token="123:TEST")
    registered = {c for group in application.handlers.values() for h in group if isinstance(h, CommandHandler)
                  for c in h.commands}
    deps.storage.close()
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
