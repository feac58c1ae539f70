"""A saved correction survives SIGKILL of the real server process (no clean shutdown)."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from extractor.web.store import EventStore


def test_sigkill_after_save_loses_nothing(tmp_path: Path, docs_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "curation.sqlite"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor",
            "review",
            "serve",
            str(docs_path),
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    try:
        for _ in range(100):
            try:
                html = opener.open(url + "/", timeout=1).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        m = re.search(r'name="csrf-token" content="([^"]+)"', html)
        assert m is not None
        req = urllib.request.Request(
            url + "/api/doc/trial-a/record/r0/field/sample_size",
            data=json.dumps({"value": "12", "version": 0}).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRF-Token": m.group(1),
                "X-Curator": "ann",
            },
            method="POST",
        )
        assert opener.open(req, timeout=5).status == 200
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    st = EventStore(db).state("trial-a")
    assert st.record("r0")["sample_size"] == 12
    assert [(e.curator, e.after) for e in EventStore(db).events("trial-a")] == [("ann", 12)]
