"""The whole engine at scale, one process per run (so VmHWM is this engine's peak); one JSON line.

usage: tests/bench/engine_scale.py SIZE [--cache DIR] [--jieba] [--reload] [--reps N]
SIZE is ``seed`` (the knowledge folder; dev + own questions) or a sentence count: CMRC 2018 dev
paragraphs are the articles; past their ~10.5k sentences each further copy of a paragraph has its
sentences shuffled, ~12% of its Han characters dropped at random and its digits redrawn (seeded),
so text, tokens and bigrams differ per copy. Questions: every fifth CMRC dev question.
--jieba times plain jieba over every sentence first (the build target's yardstick); --cache keeps
the token cache there (run twice: cold, then warm); --reload times a rebuild with one more article
and its first answer, given the running engine as the bot's /reload does. Ask latency: wall and
thread CPU time, p50/p95, median of --reps passes.
"""
import argparse
import gc
import json
import random
import statistics
import time
from pathlib import Path

T0 = time.perf_counter()

from knowledge.articles import Article, Source, load_folder  # noqa: E402
from knowledge.cleaning import clean_article  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from knowledge.passages import split_sentences  # noqa: E402
from knowledge.squad import load_squad  # noqa: E402
from knowledge.tokenizer import Tokenizer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def vm(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return 0.0


def perturb(text, rng):
    out = []
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.12:
            continue
        out.append(str(rng.randint(0, 9)) if ch.isdigit() else ch)
    return "".join(out)


def cmrc_articles(target):
    items = load_squad(SHARED / "eval" / "cmrc2018_dev.json.gz")
    base, seen = [], set()
    for item in items:
        if item.paragraph not in seen:
            seen.add(item.paragraph)
            clean = clean_article(item.context, title=item.title or "untitled")
            base.append((clean.title, clean.paragraphs))
    rng = random.Random(13)
    articles, count, copy = [], 0, 0
    while count < target:
        for n, (title, paragraphs) in enumerate(base):
            if count >= target:
                break
            if copy:
                new = []
                for p in paragraphs:
                    spans = split_sentences(p)
                    sents = [perturb(p[a:b], rng) for a, b in spans]
                    rng.shuffle(sents)
                    new.append("".join(sents))
                paragraphs = tuple(x for x in new if x)
            articles.append(Article(f"c{copy}-{n}", Source(f"{title} {copy}" if copy else title), paragraphs))
            count += sum(len(split_sentences(p)) for p in paragraphs)
        copy += 1
    questions = [item.question for item in items[::5]]
    return articles, questions


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="tests/bench/engine_scale.py",
        description="Time the whole engine at one corpus size in this process; prints one JSON line.")
    parser.add_argument("size", type=_size, help="'seed' (the knowledge folder) or a sentence count, e.g. 100000")
    parser.add_argument("--cache", metavar="DIR", help="keep the token cache there (run twice: cold, then warm)")
    parser.add_argument("--jieba", action="store_true", help="first time plain jieba over every sentence")
    parser.add_argument("--reload", action="store_true", help="then time a rebuild with one more article")
    parser.add_argument("--reps", type=int, default=3, metavar="N", help="passes over the questions (default 3)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    return parser.parse_args(argv)


def _size(value: str) -> str:
    if value != "seed" and not (value.isdigit() and int(value) > 0):
        raise argparse.ArgumentTypeError(f"{value!r} is neither 'seed' nor a positive sentence count")
    return value


def main():
    global SHARED
    args = parse_args()
    size, cache, SHARED = args.size, args.cache, args.shared
    tokenizer = Tokenizer()
    if size == "seed":
        articles = load_folder(ROOT / "knowledge" / "articles")
        import yaml
        qs = []
        for path in (SHARED / "eval" / "dev_questions.yaml", ROOT / "tests" / "data" / "extra_questions.yaml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            qs += [x["q"] if isinstance(x, dict) else x
                   for key in ("in_scope", "out_of_scope") for x in data.get(key) or []]
        questions = [q for q in qs if isinstance(q, str)]
    else:
        articles, questions = cmrc_articles(int(size))
    jieba_s = None
    if args.jieba:
        from knowledge.passages import Corpus
        corpus = Corpus.build(articles)
        t = time.perf_counter()
        lcut = tokenizer._jieba.lcut
        for s in corpus.sentences:
            lcut(s.text)
        jieba_s = time.perf_counter() - t
        del corpus
    gc.collect()
    kwargs = {"cache_dir": Path(cache)} if cache else {}
    t, c = time.perf_counter(), time.process_time()
    engine = Engine(articles, tokenizer, **kwargs)
    build_s, build_cpu_s = time.perf_counter() - t, time.process_time() - c
    engine.ask(questions[0])
    first_answer_s = time.perf_counter() - T0
    for q in questions[1:21]:
        engine.ask(q)
    reps = []
    for _ in range(args.reps):
        ms, cpu = [], []
        for q in questions:
            t, c = time.perf_counter(), time.thread_time()
            engine.ask(q)
            ms.append((time.perf_counter() - t) * 1000)
            cpu.append((time.thread_time() - c) * 1000)
        ms.sort()
        cpu.sort()
        reps.append((statistics.median(ms), ms[int(0.95 * (len(ms) - 1))], statistics.median(cpu),
                     cpu[int(0.95 * (len(cpu) - 1))]))
    hwm_engine = vm("VmHWM:")
    reload_s = reload_cpu_s = None
    if args.reload:
        extra = Article("new-one", Source("新文章"),
                        ("2024年5月1日,枣庄市举办了新的鲁班工匠日活动,共有三百名工匠参加。",))
        t, c = time.perf_counter(), time.process_time()
        engine2 = Engine([*articles, extra], tokenizer, **kwargs, previous=engine)  # as the bot's /reload
        engine2.ask(questions[0])
        reload_s, reload_cpu_s = time.perf_counter() - t, time.process_time() - c
    print(json.dumps({
        "size": size, "sentences": len(engine.corpus.sentences), "articles": len(articles),
        "questions": len(questions), "build_s": round(build_s, 2), "jieba_s": jieba_s and round(jieba_s, 2),
        "first_answer_s": round(first_answer_s, 2),
        "p50_ms": round(statistics.median(r[0] for r in reps), 3),
        "p95_ms": round(statistics.median(r[1] for r in reps), 3),
        "cpu_p50_ms": round(statistics.median(r[2] for r in reps), 3),
        "cpu_p95_ms": round(statistics.median(r[3] for r in reps), 3), "load": open("/proc/loadavg").read().split()[:3],
        "VmHWM_MB": round(hwm_engine), "VmHWM_after_reload_MB": round(vm("VmHWM:")),
        "VmRSS_MB": round(vm("VmRSS:")), "reload_s": reload_s and round(reload_s, 2),
        "build_cpu_s": round(build_cpu_s, 2), "reload_cpu_s": reload_cpu_s and round(reload_cpu_s, 2),
    }))


if __name__ == "__main__":
    main()
