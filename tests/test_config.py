from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config


@pytest.mark.parametrize(("data", "fragment"), [
    ({"organizers": ["alice"]}, "organizers[0]"),
    ({"organizers": [True]}, "organizers[0]"),
    ({"engine": {"variant": "bm99"}}, "engine.variant"),
    ({"engine": {"min_confidence": 3}}, "engine.min_confidence"),
    ({"telegram": {"webhook": {"port": "x"}}}, "telegram.webhook.port"),
    ({"telegram": {"mode": "webhook"}}, "telegram.webhook.url"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"storage": {"paht": "x"}}, "unknown key storage.paht"),
    ([], "expected a mapping"),
])
def test_errors_name_the_key(project: Path, data, fragment):
    if isinstance(data, dict):
        data = {"knowledge": {"articles": "articles"}} | data
    with pytest.raises(ConfigError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        parse_config(data, project)


def test_defaults_and_relative_paths(project: Path):
    config = parse_config({"knowledge": {"articles": "articles"}, "organizers": [42]}, project)
    assert config.knowledge.articles == (project / "articles").resolve()
    assert config.storage.path == (project / "var" / "luban.sqlite3").resolve()
    assert config.organizers == (42,)
    assert config.engine.variant == "okapi"
