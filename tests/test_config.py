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
    ({"engine": {"k1": 0}}, "engine.k1: must be above 0"),
    ({"engine": {"b": 1.01}}, "engine.b: must be at least 0 and at most 1"),
    ({"engine": {"b": -0.1}}, "engine.b"),
    ({"engine": {"tie_ratio": 0}}, "engine.tie_ratio: must be above 0"),
    ({"engine": {"recency_ratio": 1.5}}, "engine.recency_ratio"),
    ({"engine": {"runner_up_ratio": 0.0}}, "engine.runner_up_ratio"),
    ({"engine": {"rerank_depth": 0}}, "engine.rerank_depth"),
    ({"telegram": {"webhook": {"port": 0}}}, "telegram.webhook.port"),
    ({"telegram": {"webhook": {"port": 65536}}}, "telegram.webhook.port"),
    ([], "expected a mapping"),
])
def test_errors_name_the_key(project: Path, data, fragment):
    if isinstance(data, dict):
        data = {"knowledge": {"articles": "articles"}} | data
    with pytest.raises(ConfigError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        parse_config(data, project, {})


def test_defaults_and_relative_paths(project: Path):
    config = parse_config({"knowledge": {"articles": "articles"}, "organizers": [42]}, project)
    assert config.knowledge.articles == (project / "articles").resolve()
    assert config.storage.path == (project / "var" / "luban.sqlite3").resolve()
    assert config.organizers == (42,)
    assert config.engine.variant == "okapi"


@pytest.mark.parametrize("data", [{"engine": {"k1": 0.01, "b": 0, "tie_ratio": 1, "rerank_depth": 1}},
                                  {"engine": {"b": 1}, "telegram": {"webhook": {"port": 65535}}},
                                  {"telegram": {"webhook": {"port": 1}}}])
def test_range_edges_are_accepted(project: Path, data):
    parse_config({"knowledge": {"articles": "articles"}} | data, project, {})


def test_environment_is_read_once_into_the_settings(project: Path):
    environ = {"TELEGRAM_BOT_TOKEN": " 1:abc ", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
               "MY_SECRET": "s3cret"}
    config = parse_config({"knowledge": {"articles": "articles"},
                           "telegram": {"webhook": {"secret_token_env": "MY_SECRET"}}}, project, environ)
    assert config.secrets.token == "1:abc" and config.secrets.webhook_secret == "s3cret"
    assert config.telegram.api_base_url == "http://127.0.0.1:9/bot"
    assert config.telegram.api_base_file_url == "https://api.telegram.org/file/bot"  # not overridden
    assert "1:abc" not in repr(config) and "s3cret" not in repr(config)
    assert parse_config({"knowledge": {"articles": "articles"}}, project, {}).secrets.token == ""


def test_log_level_from_the_file_then_the_environment(project: Path):
    data = {"knowledge": {"articles": "articles"}, "logging": {"level": "ERROR"}}
    assert parse_config(data, project, {}).logging.level == "ERROR"
    assert parse_config(data, project, {"LOG_LEVEL": " warning "}).logging.level == "WARNING"
    assert parse_config({"knowledge": {"articles": "articles"}}, project, {}).logging.level == "INFO"
    with pytest.raises(ConfigError, match="LOG_LEVEL='LOUD'"):
        parse_config(data, project, {"LOG_LEVEL": "LOUD"})
    with pytest.raises(ConfigError, match="logging.level: 'loud'"):
        parse_config({"knowledge": {"articles": "articles"}, "logging": {"level": "loud"}}, project, {})
