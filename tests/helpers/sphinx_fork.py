"""``python -m sphinx ARGS`` as a user runs it (exit status, stdout, stderr), without
paying for the imports: one helper process imports Sphinx and the extensions once, then
forks a fresh child for each build. A tiny test project then costs its build only.

Run as a script, this file is that helper: it reads one JSON request a line on stdin
(args, env, cwd, stdout and stderr paths) and answers each with the child's exit status.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools"
PRELOAD = [
    "sphinx.cmd.build",
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "textbook.extension",
]


def serve() -> None:
    import importlib

    from sphinx.application import builtin_extensions

    for name in [*PRELOAD, *builtin_extensions]:
        importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        _, status = os.waitpid(pid, 0)
        print(json.dumps(os.waitstatus_to_exitcode(status)), flush=True)


def child(request: dict) -> None:
    """Run one build with its own streams, folder and environment; never return."""
    code = 1
    try:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        from sphinx.cmd.build import main

        code = main(request["args"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except BaseException:  # noqa: BLE001 -- reported on the build's stderr
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class Server:
    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def start(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            env = dict(
                os.environ,
                PYTHONPATH=os.pathsep.join(
                    filter(None, [str(TOOLS), os.environ.get("PYTHONPATH")])
                ),
            )
            self.process = subprocess.Popen(
                [sys.executable, __file__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                text=True,
            )
            atexit.register(self.stop)
        return self.process

    def stop(self) -> None:
        """End the helper (its input closed) and reap it, so its CPU time counts."""
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait()

    def run(
        self, args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess:
        if not hasattr(os, "fork"):
            return subprocess.run(
                [sys.executable, "-m", "sphinx", *args],
                env=env,
                cwd=cwd,
                capture_output=True,
                text=True,
            )
        process = self.start()
        with tempfile.TemporaryDirectory() as tmp:
            out, err = Path(tmp, "stdout"), Path(tmp, "stderr")
            process.stdin.write(
                json.dumps(
                    {
                        "args": args,
                        "env": dict(os.environ if env is None else env),
                        "cwd": str(cwd or os.getcwd()),
                        "stdout": str(out),
                        "stderr": str(err),
                    }
                )
                + "\n"
            )
            process.stdin.flush()
            answer = process.stdout.readline()
            if not answer:
                raise RuntimeError(f"the Sphinx fork helper died (exit {process.wait()})")
            return subprocess.CompletedProcess(
                ["sphinx", *args],
                json.loads(answer),
                out.read_text(encoding="utf-8"),
                err.read_text(encoding="utf-8"),
            )


sphinx = Server()  # one helper process for the whole test run

if __name__ == "__main__":
    serve()
