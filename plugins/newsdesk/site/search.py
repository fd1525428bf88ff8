"""The Pagefind search index, rebuilt after each build under the dev server."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from ..prune import search_index_problem
from ..settings import setting

log = logging.getLogger("newsdesk")


def index_for_search(pelican) -> None:
    """Rebuild the Pagefind index after a build when asked (`make devserver` does).

    `make html` and `make publish` run Pagefind themselves once Pelican is done.
    """
    if not setting(pelican.settings, "NEWSDESK_PAGEFIND_ON_BUILD"):
        return
    command = [sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        log.error("pagefind failed (search index not updated): %s", (result.stderr or result.stdout).strip())
    elif problem := search_index_problem(Path(pelican.output_path)):
        log.error("pagefind exited 0 but %s", problem)
