"""Implementations of the ``run.py`` commands; ``run.py`` only parses arguments.

Every expected failure (bad config, unreadable article, missing eval file) becomes one line on
stderr and exit status 2: people running these from cron or a shell need the reason, not a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

import yaml

from bot.cli import logging_setup, ops_commands, output
from bot.cli.errors import EXIT_USAGE, fail
from bot.cli.progress import Progress
from bot.config import TOKEN_ENV, Config, ConfigError, load_config
from bot.render import answer_plain
from bot.sanitize import strip_control
from bot.services.knowledge import KnowledgeService
from bot.storage.lock import DatabaseError
from knowledge.articles import ArticleError
from knowledge.evaluation import GROUPS, evaluate, load_cases

LARGE_ARTICLE_BYTES = 1_000_000



def dispatch(args: argparse.Namespace) -> int:
    output.guard([os.environ.get(TOKEN_ENV, "").strip()])  # also when called without run.py's main
    try:
        config = load_config(args.config)
        logging_setup.install(config, getattr(args, "verbose", 0), getattr(args, "quiet", 0))
        command = args.command or ("bot" if config.secrets.token else "console")
        handler = COMMANDS[command]
        return handler(config, args)
    except (ConfigError, ArticleError, DatabaseError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130


def cmd_console(config: Config, args: argparse.Namespace) -> int:
    from bot.cli.console import run_console

    return run_console(KnowledgeService(config))


def cmd_bot(config: Config, args: argparse.Namespace) -> int:
    from bot.cli.runner import run_bot

    return run_bot(config)


def cmd_ask(config: Config, args: argparse.Namespace) -> int:
    service = KnowledgeService(config)
    questions = args.questions or (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        answer = service.ask(strip_control(question), explain=args.explain)
        if args.json:
            print(json.dumps(answer.as_dict(), ensure_ascii=False), flush=True)
            continue
        print(f"问：{answer.question}")
        print(answer_plain(answer))
        if args.explain:
            print(f"  kind={answer.kind.value} intent={answer.intent} confidence={answer.confidence:.2f} "
                  f"terms={' '.join(answer.terms)}")
            for c in answer.corrections:
                print(f"  read by sound: {c.typed} -> {c.read_as}")
            if answer.focus:
                print(f"  focus not covered: {answer.focus}")
            for t in answer.explanation:
                print(f"  {t.term:<12} idf={t.idf:.3f} weight={t.weight:.3f}")
        print()
    return 0


def cmd_eval(config: Config, args: argparse.Namespace) -> int:
    if not args.file.exists():
        return fail(f"eval file {args.file} not found")
    if args.squad:
        return _eval_squad(config, args)
    try:
        _check_eval_keys(args.file)
        cases = load_cases(args.file)
    except (ValueError, OSError) as exc:
        return fail(str(exc))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return fail(f"{args.file}: not valid YAML{where}")
    if not cases:
        return fail(f"{args.file}: no questions (expected lists under {', '.join(EVAL_KEYS)})")
    service = KnowledgeService(config)
    report = evaluate(service.engine, cases, Progress("eval", len(cases)))
    for failure in report.failures:
        print(f"FAIL {failure}")
    summary = {"questions": len(cases), **report.summary()}
    print(f"sentence-level accuracy: {report.sentence_hits}/{report.in_scope} = {report.sentence_accuracy:.1%}")
    for kind, (hits, total) in sorted(report.kinds.items()):
        print(f"  {kind:<22} {hits}/{total} = {hits / total:.1%}")
    print(f"passage-level accuracy:  {report.passage_hits}/{report.in_scope} = {report.passage_accuracy:.1%}")
    print(f"correct abstentions:     {report.abstained}/{report.out_of_scope} = {report.abstention_accuracy:.1%}")
    if report.hard_out_of_scope:
        print(f"hard off-topic abstained: {report.hard_abstained}/{report.hard_out_of_scope} "
              f"= {report.hard_abstention_accuracy:.1%}")
    if report.small_talk:
        print(f"small talk recognized:   {report.small_talk_hits}/{report.small_talk}")
    if report.countdown:
        print(f"countdown computed:      {report.countdown_hits}/{report.countdown}")
    print(f"precision when answered: {report.answered_right}/{report.answered} = {report.precision:.1%}")
    print(f"overall:                 {report.overall:.1%} of {len(cases)} questions")
    if args.min_accuracy is not None:
        print(f"required sentence-level: {args.min_accuracy:.1%} (--min-accuracy {args.min_accuracy:g})")
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    if args.min_accuracy is not None and report.sentence_accuracy < args.min_accuracy:
        print(f"sentence-level accuracy {report.sentence_accuracy:.1%} is below --min-accuracy "
              f"{args.min_accuracy:.1%}", file=sys.stderr)
        return 1
    return 0


EVAL_KEYS = GROUPS


def _check_eval_keys(path: Path) -> None:
    """A misspelled key would otherwise read as an empty list and pass with 100%."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        unknown = sorted(str(k) for k in data if k not in EVAL_KEYS)
        if unknown:
            raise ValueError(f"{path}: unknown key(s) {', '.join(unknown)}; expected {', '.join(EVAL_KEYS)}")


def fraction(value: str) -> float:
    """``--min-accuracy``: a fraction in (0, 1] such as 0.95, or a percentage such as 95%."""
    text = value.strip()
    try:
        number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number; give a fraction such as 0.95 "
                                         "or a percentage such as 95%") from None
    if not 0 < number <= 1:
        hint = f" (did you mean {text}%?)" if not text.endswith("%") and 1 < number <= 100 else ""
        raise argparse.ArgumentTypeError(f"{value} is outside (0, 1]: give a fraction such as 0.95 "
                                         f"or a percentage such as 95%{hint}")
    return number


def _eval_squad(config: Config, args: argparse.Namespace) -> int:
    from bot.services.knowledge import shared_tokenizer
    from knowledge.squad import evaluate_squad, load_squad

    try:
        items = load_squad(args.file)
    except (OSError, ValueError, KeyError) as exc:
        return fail(f"{args.file} is not a readable SQuAD-format file ({exc.__class__.__name__})")
    items = items[: args.limit] if args.limit else items
    print(f"squad eval: {len(items)} questions from {args.file.name}", file=sys.stderr)
    summary = evaluate_squad(items, config.engine, shared_tokenizer(), Progress("squad eval", len(items)))
    print(f"sentence top-1: {summary['top1']:.3f}  (naive baseline {summary['baseline_top1']:.3f} "
          f"measured in this run, ratio {summary['ratio']:.2f}x)")
    print(f"top-3: {summary['top3']:.3f}  MRR: {summary['mrr']:.3f}")
    print(f"with abstention: answered {summary['answered']:.1%}, answered and correct {summary['answered_top1']:.3f}")
    print(f"latency per question: median {summary['p50_ms']:.2f} ms, p95 {summary['p95_ms']:.2f} ms")
    if args.json:
        print(json.dumps(summary))
    if args.min_accuracy is not None and summary["top1"] < args.min_accuracy:
        print(f"top-1 {summary['top1']:.3f} is below --min-accuracy {args.min_accuracy}", file=sys.stderr)
        return 1
    return 0


def cmd_check(config: Config, args: argparse.Namespace) -> int:
    """What the bot would load, with warnings; a skipped (unusable) article exits with status 2."""
    print(f"knowledge folder: {config.knowledge.articles}", flush=True)
    service = KnowledgeService(config, on_file=_announce_large)
    load, engine = service.last_load, service.engine
    warnings = []
    for article in engine.corpus.articles:
        n = sum(1 for p in engine.corpus.passages if engine.corpus.articles[p.article_index] is article)
        print(f"  {article.id}: {article.source.title} ({n} passages, source: {article.source.source or '-'})")
        if not article.source.source:
            warnings.append(f"{article.id}: no source in {article.id}.meta.yaml (answers will show only the title)")
        for question in article.sample_questions:
            if question not in engine.suggestion_pool:
                warnings.append(f"{article.id}: sample question {question!r} is not answerable; it won't be offered")
    print(f"articles: {load.articles}, passages: {load.passages}, sentences: {load.sentences}")
    print(f"dictionary: {len(service.tokenizer.synonyms)} aliases, {len(service.tokenizer.stopwords)} stopwords")
    print(f"curated answers: {load.curated}; sample questions offered: {len(engine.suggestion_pool)}")
    if not engine.corpus.articles:
        warnings.append(f"no articles (*.txt) in {config.knowledge.articles}: the bot can answer nothing yet")
    if len(engine.suggestion_pool) < 3:
        warnings.append("fewer than 3 answerable sample questions: the no-answer reply will suggest fewer")
    for warning in warnings:
        print(f"warning: {warning}")
    for problem in load.skipped:
        print(f"error: skipped {problem}")
    print(f"loaded in {load.seconds * 1000:.0f} ms; {len(warnings)} warning(s), {len(load.skipped)} error(s)")
    return EXIT_USAGE if load.skipped else 0


def _announce_large(path: Path) -> None:
    """Indexing takes seconds per megabyte: say so before a big article, so a wait is explained."""
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        if size >= LARGE_ARTICLE_BYTES:
            print(f"reading {path.name} ({size / 1e6:.1f} MB); large articles take a while to index…",
                  file=sys.stderr, flush=True)


def cmd_export(config: Config, args: argparse.Namespace) -> int:
    from bot.services.questions import QuestionLog
    from bot.storage.database import Database
    from bot.storage.questions import QuestionRepository

    if not config.storage.path.exists():
        return fail(f"no database at {config.storage.path} yet (the bot creates it on first run)")
    database = Database(config.storage.path)
    try:
        count = QuestionLog(QuestionRepository(database), KnowledgeService(config)).export_csv(args.file)
    except OSError as exc:
        return fail(f"cannot write {args.file} ({exc.strerror})")
    finally:
        database.close()
    print(f"wrote {count} questions to {args.file}")
    return 0


def cmd_announce(config: Config, args: argparse.Namespace) -> int:
    from bot.cli.announce import announce

    return announce(config, args)


COMMANDS = {"console": cmd_console, "bot": cmd_bot, "ask": cmd_ask, "eval": cmd_eval, "check": cmd_check,
            "announce": cmd_announce, "export": cmd_export}
COMMANDS.update(ops_commands.COMMANDS)
