"""``run.py``'s ``main(argv)`` in the test process, as ``python run.py ARGS`` would run it, for the
command tests that are about what a command does rather than about the process: it gets its own
stdin, stdout and stderr (byte-backed, so ``run.py`` wraps them to scrub the token exactly as in a
process), the environment less TELEGRAM_BOT_TOKEN plus ``env``, and the jieba dictionary this
process already loaded (``shared_tokenizer``), which is most of a process's start-up. Streams,
environment and the root logger are restored afterwards. What only a process shows (a closed
stdout, run.py's exit status at start-up) stays in real subprocesses (``tests/test_process*.py``,
``test_a_closed_stdout_ends_quietly``)."""

from __future__ import annotations

import io
import logging
import os
import sys
from dataclasses import dataclass

import run
from bot.cli import logging_setup


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_main(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> Ran:
    streams = sys.stdin, sys.stdout, sys.stderr
    environ = dict(os.environ)
    root = logging.getLogger()
    logging_state = root.level, list(root.handlers), logging_setup._handler
    noisy = {name: logging.getLogger(name).level for name in logging_setup.NOISY}
    out, err = io.BytesIO(), io.BytesIO()
    # run.py replaces sys.stdout/stderr with wrappers over the same buffers: ours are kept and
    # detached at the end, so that no wrapper collected later closes a buffer another still flushes
    mine = (io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"),
            io.TextIOWrapper(out, encoding="utf-8", write_through=True),
            io.TextIOWrapper(err, encoding="utf-8", write_through=True))
    sys.stdin, sys.stdout, sys.stderr = mine
    os.environ.pop("TELEGRAM_BOT_TOKEN", None)
    os.environ.update(env or {})
    try:
        try:
            code = run.main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        return Ran(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        for wrapper in mine:
            wrapper.detach()
        os.environ.clear()
        os.environ.update(environ)
        root.setLevel(logging_state[0])
        root.handlers[:] = logging_state[1]
        logging_setup._handler = logging_state[2]
        for name, level in noisy.items():
            logging.getLogger(name).setLevel(level)
