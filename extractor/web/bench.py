"""Latency of the review API on a real document: ``python -m extractor.web.bench FILE.jsonl``.

Loads the file into a throw-away store, saves N entity corrections through the Flask test
client (CSRF and all, as the browser does) and reports the median and p95 save time and the
time to fetch the document view afterwards. Prints; this is a command, not a library.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from extractor.web.app import create_app
from extractor.web.store import EventStore


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("documents", type=Path)
    ap.add_argument("--saves", type=int, default=200)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = EventStore(Path(tmp) / "bench.sqlite")
        store.load_documents(args.documents)
        doc = store.doc_ids()[0]
        client = create_app(store).test_client()
        html = client.get("/").get_data(as_text=True)
        m = re.search(r'csrf-token" content="([^"]+)"', html)
        assert m is not None
        headers = {"X-CSRF-Token": m.group(1), "X-Curator": "bench"}
        view = client.get(f"/api/doc/{doc}").get_json()
        n = len(view["entities"])
        times = []
        for i in range(args.saves):
            ent = view["entities"][i % n]
            body = {"action": "accept" if i % 2 == 0 else "reject", "version": ent["version"]}
            t = time.perf_counter()
            r = client.post(f"/api/doc/{doc}/entity/{ent['id']}", json=body, headers=headers)
            times.append(time.perf_counter() - t)
            if r.status_code != 200:
                raise SystemExit(f"save {i} failed: {r.status_code} {r.get_json()}")
            view = r.get_json()
        t = time.perf_counter()
        r = client.get(f"/api/doc/{doc}")
        get_ms = (time.perf_counter() - t) * 1000
        times.sort()
        print(
            f"{doc}: {n} entities, {len(view['records'])} records; {args.saves} saves: "
            f"median {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.0f} ms; "
            f"document view after them {get_ms:.0f} ms ({len(r.data) / 1024:.0f} KiB)"
        )


if __name__ == "__main__":
    main()
