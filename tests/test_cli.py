"""The command line as a user runs it, with real config files: ``run.py``'s ``main`` in this process
with its own stdin/stdout/stderr and environment (``tests/cli.py``), and real subprocesses for what
only a process shows: exit status and one line without a traceback at start-up, a closed stdout."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli import run_main
from tests.conftest import ROOT

JSON_FIELDS = {"question", "answered", "sentence", "passage", "score", "source", "candidates", "suggestions"}


def run_process(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"} | (env or {})
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *args], input=stdin, capture_output=True,
                          text=True, timeout=60, env=full_env)


def test_ask_json_card_example():
    result = run_main("ask", "--json", "鲁班工匠日是哪天")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip())
    assert JSON_FIELDS <= set(data)
    assert data["answered"] is True and "每年6月11日" in data["sentence"]
    assert data["source"]["source"] == "工人日报客户端"


def test_ask_json_batch_from_stdin_one_object_per_line():
    result = run_main("ask", "--json", stdin="鲁班工匠日是哪天\n明天会下雨吗\n\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["answered"] for d in lines] == [True, False, False]
    assert len(lines[1]["suggestions"]) == 3 and lines[1]["sentence"] is None


def test_ask_plain_and_explain():
    result = run_main("ask", "--explain", "许振超会来做什么")
    assert "【" in result.stdout and "许振超" in result.stdout and "idf=" in result.stdout


def test_console_chat_without_token():
    result = run_main(stdin="鲁班工匠日是哪天\n/help\n/frobnicate\n/quit\n")
    assert "只有 /help 和 /quit" in result.stdout
    assert result.returncode == 0
    assert "控制台模式" in result.stdout and "/quit" in result.stdout
    assert "【推动设立每年6月11日" in result.stdout


def test_eval_reports_and_min_accuracy(tmp_path: Path):
    questions = tmp_path / "q.yaml"
    questions.write_text("in_scope:\n  - {q: 鲁班工匠日是哪天, expect: ['6月11日']}\n"
                         "  - {q: 许振超会来做什么, expect: ['不存在的答案']}\n"
                         "out_of_scope: [hello]\n", encoding="utf-8")
    result = run_main("eval", str(questions))
    assert result.returncode == 0
    assert "sentence-level accuracy: 1/2" in result.stdout and "correct abstentions:     1/1" in result.stdout
    assert "FAIL 许振超会来做什么" in result.stdout
    assert run_main("eval", str(questions), "--min-accuracy", "0.9").returncode == 1


def test_config_errors_are_one_line_and_status_2(project: Path):
    cases = {
        "engine:\n  k1: fast\n": "engine.k1",
        "knowledg: {}\n": "unknown key knowledg",
        "knowledge:\n  articles: nowhere\n": "knowledge.articles",
        "telegram:\n  mode: carrier-pigeon\n": "telegram.mode",
        "engine: [1, 2\n": "not valid YAML",
    }
    for text, fragment in cases.items():
        path = project / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        result = run_process("--config", str(path), "ask", "x")
        assert result.returncode == 2, text
        assert fragment in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    missing = run_process("--config", str(project / "missing.yaml"), "ask", "x")
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_unreadable_article_is_skipped_with_a_warning_and_check_fails(project: Path):
    (project / "articles" / "broken.txt").write_bytes("标题\n正文".encode("gbk"))
    result = run_main("--config", str(project / "config.yaml"), "ask", "鲁班工匠日是哪天")
    assert result.returncode == 0 and "6月11日" in result.stdout
    assert "broken.txt" in result.stderr and "UTF-8" in result.stderr and "WARNING" in result.stderr
    check = run_main("--config", str(project / "config.yaml"), "check")
    assert check.returncode == 2 and "error: skipped broken.txt" in check.stdout


def test_relative_paths_resolve_against_the_config_folder(project: Path):
    article = "枣庄举办职工运动会的长标题新闻\n职工运动会将于9月20日在枣庄体育馆举行。\n"
    (project / "articles" / "second.txt").write_text(article, encoding="utf-8")
    result = run_main("--config", str(project / "config.yaml"), "ask", "--json", "职工运动会在哪天")
    data = json.loads(result.stdout)
    assert data["answered"] and "9月20日" in data["sentence"]


def test_squad_eval_prints_summary_json_last(tmp_path: Path):
    data = {"data": [{"title": "鲁班", "paragraphs": [{
        "context": "鲁班是春秋时期鲁国人。他发明了锯子。本人被尊为木匠的祖师。",
        "qas": [{"question": "鲁班发明了什么", "id": "1", "answers": [{"text": "锯子", "answer_start": 0}]},
                {"question": "鲁班是哪国人", "id": "2", "answers": [{"text": "鲁国", "answer_start": 0}]}]}]}]}
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_main("eval", "--squad", str(path), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"questions", "top1", "top3", "mrr", "baseline_top1", "p50_ms", "p95_ms"} <= set(summary)
    assert summary["questions"] == 2 and summary["top1"] == 1.0
    missing = run_main("eval", "--squad", str(tmp_path / "absent.json"))
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_eval_refuses_malformed_and_empty_question_files_in_one_line(tmp_path: Path):
    cases = {"malformed.yaml": "in_scope:\n  - {q: 哪天, expect: [6月11日]\n", "empty.yaml": "",
             "misspelled.yaml": "in_scop:\n  - {q: 鲁班工匠日是哪天, expect: ['6月11日']}\n",
             "no_questions.yaml": "in_scope: []\nout_of_scope: []\n"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = run_main("eval", str(tmp_path / name), "--min-accuracy", "0.9")
        assert result.returncode == 2 and result.stderr.count("\n") == 1, (name, result.stderr)
        assert "Traceback" not in result.stderr and name in result.stderr, name
    assert "in_scop" in run_main("eval", str(tmp_path / "misspelled.yaml")).stderr


def test_min_accuracy_is_a_fraction_or_a_percentage(tmp_path: Path):
    import argparse

    import pytest

    from bot.cli.commands import fraction

    assert fraction("0.95") == fraction("95%") == 0.95 and fraction("1") == 1.0
    for value in ("95", "0", "-0.5", "abc", "150%"):
        with pytest.raises(argparse.ArgumentTypeError, match="fraction such as 0.95 or a percentage such as 95%"):
            fraction(value)
    questions = tmp_path / "q.yaml"
    questions.write_text("in_scope:\n  - {q: 鲁班工匠日是哪天, expect: ['6月11日']}\n", encoding="utf-8")
    result = run_main("eval", str(questions), "--min-accuracy", "95%")
    assert result.returncode == 0 and "required sentence-level: 95.0%" in result.stdout
    refused = run_main("eval", str(questions), "--min-accuracy", "95")
    assert refused.returncode == 2 and "did you mean 95%" in refused.stderr


def test_a_closed_stdout_ends_quietly():
    shell = f"seq 300 | sed 's/.*/鲁班工匠日是哪天/' | {sys.executable} {ROOT / 'run.py'} ask | head -1; " \
            "exit ${PIPESTATUS[2]}"  # run.py's own status
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60,
                            env={k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"})
    assert result.stdout.startswith("问：") and result.stderr == "" and result.returncode == 0, result.stderr


def test_control_sequences_are_removed_whole_from_questions_and_the_echo():
    result = run_main("ask", "--json", "\x1b[2J劳模有多少")
    assert json.loads(result.stdout)["answered"]
    console = run_main("console", stdin="\x1b[2J\x1b]0;pwned\x07鲁班工匠日是哪天\n")
    assert "\x1b" not in console.stdout and "[2J" not in console.stdout and "pwned" not in console.stdout
    assert "> 鲁班工匠日是哪天" in console.stdout


def test_export_neutralizes_formula_cells(project: Path, config):
    import csv

    from bot.storage.database import Database

    database = Database(config.storage.path)
    hostile = ['=HYPERLINK("http://evil","点我")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1",
               "鲁班工匠日是哪天"]
    for question in hostile:
        database.db.execute("INSERT INTO questions(ts, user_hash, chat_type, question, answered, score, confidence,"
                            " sentence) VALUES (1, 'x', 'private', ?, 1, -0.5, 0.5, ?)", (question, question))
    database.close()
    out = project / "questions.csv"
    result = run_main("--config", str(project / "config.yaml"), "export", str(out))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows[1:] for cell in row]

    def is_number(cell: str) -> bool:
        try:
            float(cell)
        except ValueError:
            return False
        return True

    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not is_number(c)]
    assert {row[3] for row in rows[1:]} == {"'" + q for q in hostile[:-1]} | {hostile[-1]}


def test_announce_counts_utf16_units_before_any_network_call(project: Path):
    env = {"TELEGRAM_BOT_TOKEN": "123:X", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"}  # nothing listens
    result = run_main("--config", str(project / "config.yaml"), "announce", "👷" * 3000, env=env)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "6000 units" in result.stderr and "the limit is 3500" in result.stderr and "UTF-16" in result.stderr


def test_one_tokenizer_per_process_until_the_dictionary_files_change(monkeypatch):
    from bot.services import knowledge

    first = knowledge.shared_tokenizer()
    assert knowledge.shared_tokenizer() is first
    monkeypatch.setattr(knowledge, "_tokenizers", {})  # the session's cache comes back afterwards
    monkeypatch.setattr(knowledge, "Tokenizer", object)  # a new "tokenizer" without loading jieba
    monkeypatch.setattr(knowledge, "_data_stamp", lambda: (1.0,))
    edited = knowledge.shared_tokenizer()
    assert edited is not first and knowledge.shared_tokenizer() is edited
    monkeypatch.setattr(knowledge, "_data_stamp", lambda: (2.0,))
    assert knowledge.shared_tokenizer() is not edited
