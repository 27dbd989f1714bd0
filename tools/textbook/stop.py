"""Stopping a build on bad input with nothing but the messages already logged.

Sphinx answers every exception, its own ``SphinxError`` included, with a crash
report ("please report this to the developers") and exit code 2. An input error
is not a crash: after logging it at its ``file:line``, the build ends with exit
code 1 and no more output.
"""

from __future__ import annotations

from typing import NoReturn


class BuildStopped(SystemExit):
    """Raised (as ``SystemExit``, which Sphinx does not catch) to end the build."""


def stop_build() -> NoReturn:
    raise BuildStopped(1)
