"""`make regenerate` / `make devserver` keep running when another build holds the lock."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest
from conftest import ROOT, copy_sample_site
from newsdesk.lock import content_lock
from test_seo import wait_for

pytestmark = pytest.mark.build


def test_a_busy_lock_skips_one_rebuild_and_the_server_keeps_running(tmp_path):
    site = copy_sample_site(tmp_path)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nNEWSDESK_LOCK_WAIT = 1\n", encoding="utf-8")
    log = tmp_path / "regenerate.log"
    variables = [f"INPUTDIR={site / 'content'}", f"OUTPUTDIR={site / 'output'}", f"CONFFILE={conf}"]
    with content_lock(site / "content", wait=5), log.open("w") as out:
        watcher = subprocess.Popen(
            ["make", "--no-print-directory", "-C", str(ROOT), "regenerate", *variables],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, "COLUMNS": "3000"},
        )  # fmt: skip
        try:
            assert wait_for(lambda: "skips ingest" in log.read_text(encoding="utf-8"), seconds=180)
            assert wait_for(lambda: (site / "output" / "index.html").is_file(), seconds=180)
            assert watcher.poll() is None, log.read_text(encoding="utf-8")
            assert not list((site / "content" / "articles").glob("*.md"))  # nothing ingested while locked
        except BaseException:
            os.killpg(watcher.pid, signal.SIGTERM)
            watcher.wait()
            raise
    try:  # the lock is free again: the next rebuild ingests
        raw = site / "content" / "raw" / "000_54e252d81e5c3002.txt"
        assert wait_for(lambda: len(list((site / "output" / "articles").glob("*.html"))) == 2, seconds=240, touch=raw)
        assert watcher.poll() is None
    finally:
        os.killpg(watcher.pid, signal.SIGTERM)
        watcher.wait()
