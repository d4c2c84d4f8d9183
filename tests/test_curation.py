"""Curated-answer matching, the question log and the schema, without Telegram."""

import csv
import time

import pytest

from bot.services.knowledge import KnowledgeService
from bot.services.questions import QuestionLog
from bot.storage.database import MIGRATIONS, Database
from bot.storage.questions import QuestionRepository
from knowledge.articles import ArticleError
from knowledge.curated import CURATED_FILE, CuratedAnswer, CuratedMatcher, load_curated, save_curated


def test_matcher_accepts_rewording_and_rejects_other_questions(tokenizer):
    matcher = CuratedMatcher([CuratedAnswer(1, "鲁班纪念馆几点开门", "上午9点。")], tokenizer)
    assert matcher.match("纪念馆什么时候开门？") is not None  # alias + another "when" word
    assert matcher.match("鲁班纪念馆几点关门") is None
    assert matcher.match("鲁班纪念馆得到了哪些支持") is None
    assert matcher.match("") is None


def test_curated_file_round_trip_and_errors(tmp_path):
    path = tmp_path / CURATED_FILE
    save_curated(path, [CuratedAnswer(3, "问题", "答案", "ab", "2026-06-01 09:00")])
    assert load_curated(path) == [CuratedAnswer(3, "问题", "答案", "ab", "2026-06-01 09:00")]
    path.write_text("- {question: 没有编号}\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=CURATED_FILE):
        load_curated(path)


def test_purge_and_export(config, tokenizer, tmp_path):
    database = Database(config.storage.path)
    questions = QuestionRepository(database)
    log = QuestionLog(questions, KnowledgeService(config, tokenizer))
    old = questions.add(1, "private", "旧问题", topic="旧问题", answered=False, score=0, confidence=0,
                        sentence_id=None, sentence=None, runner_up_id=None)
    database.db.execute("UPDATE questions SET ts = ? WHERE id = ?", (time.time() - 200 * 86400, old))
    new = questions.add(2, "private", "鲁班工匠日是哪天", topic="鲁班工匠日", answered=True, score=5,
                        confidence=1, sentence_id=7, sentence="推动设立每年6月11日为“鲁班工匠日”", runner_up_id=None)
    questions.record_feedback(new, 2, 1)
    assert log.purge(180) == 1
    count = log.export_csv(tmp_path / "q.csv")
    with (tmp_path / "q.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert count == 1 and rows[0][3] == "question" and rows[1][3] == "鲁班工匠日是哪天" and rows[1][-1] == "1"
    database.close()


def test_schema_migrations_are_versioned(config):
    database = Database(config.storage.path)
    assert database.schema_version == len(MIGRATIONS)
    database.close()
    reopened = Database(config.storage.path)
    assert reopened.schema_version == len(MIGRATIONS)  # reopening does not re-run migrations
    reopened.close()


def test_topics_group_rewordings_and_old_rows_are_backfilled(config, tokenizer):
    database = Database(config.storage.path)
    log = QuestionLog(QuestionRepository(database), KnowledgeService(config, tokenizer))
    assert log.topic("纪念馆几点开门？") == log.topic("鲁班纪念馆几点开门")  # alias, cue words ignored
    database.db.execute("INSERT INTO questions(ts, user_hash, chat_type, question, answered, score, confidence) "
                        "VALUES (?, 'x', 'private', '纪念馆几点开门', 0, 0, 0)", (time.time(),))  # an old row
    assert log.backfill_topics() == 1
    topics = {r[0] for r in database.db.execute("SELECT topic FROM questions")}
    assert topics == {log.topic("纪念馆几点开门")}
    database.close()
