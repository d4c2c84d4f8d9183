"""Machine instructions per seed-corpus ask, counted by valgrind's callgrind.

Seconds on this machine swing by 2x within minutes, but the instructions an ask executes are
the same however loaded the machine is: this is the figure to compare two versions of the
engine by. The questions are the dev set and tests/data/extra_questions.yaml, asked twice to
warm every cache, then once with counting on (the build and the warm-up are not counted).

usage: .venv/bin/python tests/bench/instructions.py [--shared DIR]    (needs valgrind)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_UNDER = "LUBAN_BENCH_UNDER_CALLGRIND"


def questions(shared: Path) -> list[str]:
    from knowledge.evaluation import load_cases

    cases = load_cases(shared / "eval" / "dev_questions.yaml") + load_cases(ROOT / "tests" / "data" /
                                                                             "extra_questions.yaml")
    return [c.question for c in cases]


def measured(shared: Path, report: Path) -> None:
    """Inside valgrind: warm up, count one round, write how many questions it asked."""
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from bot.config import load_config
    from bot.services.knowledge import KnowledgeService

    service = KnowledgeService(load_config(ROOT / "config.yaml"))
    asked = questions(shared)
    for _ in range(2):
        for q in asked:
            service.ask(q)
    control = ["callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], capture_output=True, check=True)
    for q in asked:
        service.ask(q)
    subprocess.run([*control, "off", str(os.getpid())], capture_output=True, check=True)
    report.write_text(str(len(asked)), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding eval/dev_questions.yaml (default: ../shared)")
    args = parser.parse_args()
    if not (args.shared / "eval" / "dev_questions.yaml").is_file():
        print(f"instructions: no eval/dev_questions.yaml under {args.shared}", file=sys.stderr)
        return 2
    if os.environ.get(_UNDER):
        measured(args.shared, Path(os.environ[_UNDER]))
        return 0
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        print("instructions: valgrind is not installed (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "asked"
        out = Path(folder) / "callgrind.out"
        env = dict(os.environ, **{_UNDER: str(report)})
        subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
                        sys.executable, __file__, "--shared", str(args.shared)],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        totals = re.search(r"^totals:\s*(\d+)", out.read_text(encoding="utf-8"), re.MULTILINE)
        asked = int(report.read_text(encoding="utf-8"))
    if totals is None or not asked:
        print("instructions: callgrind wrote no totals", file=sys.stderr)
        return 1
    print(f"seed corpus: {int(totals.group(1)) / asked / 1000:,.1f}k instructions per ask "
          f"({asked} questions, counted after two warm rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
