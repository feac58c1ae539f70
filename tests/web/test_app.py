"""API-level behaviour of the review app through Flask's test client."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from extractor.web.app import create_app
from extractor.web.store import EventStore


@pytest.fixture
def client(store: EventStore) -> FlaskClient:
    return create_app(store).test_client()


def token(client: FlaskClient) -> str:
    html = client.get("/").get_data(as_text=True)
    m = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert m is not None
    return m.group(1)


def post(
    client: FlaskClient, url: str, body: dict[str, Any] | None, who: str = "ann", **extra: str
):
    headers = {"X-CSRF-Token": token(client), "X-Curator": who, **extra}
    return client.post(url, json=body, headers=headers)


def test_paper_text_is_escaped_in_html(client: FlaskClient) -> None:
    for url in ("/", "/doc/xss-doc"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/").get_data(as_text=True)


def test_text_reaches_the_page_only_as_json_with_a_strict_policy(client: FlaskClient) -> None:
    r = client.get("/api/doc/xss-doc")
    assert r.mimetype == "application/json"
    assert r.get_json()["text"].startswith("<script>alert(1)</script>")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    page = client.get("/doc/xss-doc")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    # no inline script at all in our page, so the CSP can forbid it
    html = page.get_data(as_text=True)
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/review.js" defer>']


def test_no_file_outside_the_inputs_is_served(client: FlaskClient) -> None:
    for url in (
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/store.py",
        "/static/..%2fapp.py",
        "/doc/..%2f..%2fetc%2fpasswd",
        "/api/doc/nope",
        "/curation.sqlite",
    ):
        r = client.get(url)
        assert r.status_code == 404, url
        assert b"root:" not in r.data and b"import" not in r.data


def test_foreign_host_names_are_refused(client: FlaskClient) -> None:
    # DNS rebinding: evil.example resolving to 127.0.0.1 must not get a page (and its token)
    r = client.get("/", headers={"Host": "evil.example:8765"})
    assert r.status_code == 403 and b"csrf-token" not in r.data
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:8765"}).status_code == 200


def test_state_change_needs_the_csrf_token(client: FlaskClient) -> None:
    body = {"action": "accept", "version": 0}
    r = client.post("/api/doc/trial-a/entity/e0", json=body, headers={"X-Curator": "ann"})
    assert r.status_code == 403
    r = client.post(
        "/api/doc/trial-a/entity/e0", json=body, headers={"X-Curator": "ann", "X-CSRF-Token": "x"}
    )
    assert r.status_code == 403
    r = post(client, "/api/doc/trial-a/entity/e0", body, Origin="http://evil.example")
    assert r.status_code == 403 and "cross-origin" in r.get_json()["error"]
    assert (
        post(client, "/api/doc/trial-a/entity/e0", body, Origin="http://localhost").status_code
        == 200
    )


def test_a_curator_name_is_required(client: FlaskClient) -> None:
    r = post(client, "/api/doc/trial-a/entity/e0", {"action": "accept", "version": 0}, who="")
    assert r.status_code == 400 and "curator" in r.get_json()["error"]


def test_request_size_is_bounded(store: EventStore) -> None:
    client = create_app(store, max_request_bytes=2048).test_client()
    r = post(client, "/api/doc/trial-a/record/r0/field/cells", {"value": "x" * 5000, "version": 0})
    assert r.status_code == 413


def test_second_curator_gets_409_with_the_first_change(client: FlaskClient) -> None:
    url = "/api/doc/trial-a/record/r0/field/sample_size"
    assert post(client, url, {"value": "8", "version": 0}, who="ann").status_code == 200
    r = post(client, url, {"value": "6", "version": 0}, who="bob")
    assert r.status_code == 409
    body = r.get_json()
    assert body["conflict"]["curator"] == "ann"
    assert body["conflict"]["current"] == 8
    assert "ann changed this" in body["error"]
    fields = {
        f["name"]: f for f in client.get("/api/doc/trial-a").get_json()["records"][0]["fields"]
    }
    assert (fields["sample_size"]["value"], fields["sample_size"]["edited_by"]) == ("8", "ann")


def test_field_validation_error_is_422(client: FlaskClient) -> None:
    r = post(client, "/api/doc/trial-a/record/r0/field/model", {"value": "hamster", "version": 0})
    assert r.status_code == 422
    assert "model must be one of: human, mouse, dog, cell culture, rat" in r.get_json()["error"]


def test_entity_flow_relabel_add_undo(client: FlaskClient) -> None:
    view = post(
        client,
        "/api/doc/trial-a/entity/e8",
        {"action": "relabel", "label": "CYTOKINE", "version": 0},
    ).get_json()
    e8 = next(e for e in view["entities"] if e["id"] == "e8")
    # relabelled: the old norm is cleared and the entity waits for its new one
    assert (e8["label"], e8["norm"], e8["status"], e8["version"]) == ("CYTOKINE", "", "pending", 1)
    r = post(client, "/api/doc/trial-a/entity/e8", {"action": "accept", "version": 1})
    assert r.status_code == 422 and "set the CYTOKINE norm" in r.get_json()["error"]
    view = post(
        client, "/api/doc/trial-a/entity/e8", {"action": "norm", "norm": "IL-6", "version": 1}
    ).get_json()
    e8 = next(e for e in view["entities"] if e["id"] == "e8")
    assert (e8["norm"], e8["status"], e8["version"]) == ("IL-6", "accepted", 2)
    text = view["text"]
    s = text.index("seven patients")
    view = post(
        client, "/api/doc/trial-a/entities", {"start": s, "end": s + 5, "label": "CELL"}
    ).get_json()
    added = next(e for e in view["entities"] if e["id"] == view["added"])
    assert added["text"] == "seven"
    view = post(client, "/api/doc/trial-a/undo", None).get_json()
    assert view["undone"]["target"] == f"entity:{added['id']}"
    assert all(e["id"] != added["id"] for e in view["entities"])


def test_items_come_least_confident_first(client: FlaskClient) -> None:
    view = client.get("/api/doc/trial-a").get_json()
    fields = view["records"][0]["fields"]
    assert [f["name"] for f in fields[:2]] == ["design", "sample_size"]  # 0.2, 0.4, then 0.5s
    assert all(a["confidence"] <= b["confidence"] for a, b in itertools.pairwise(fields))
    il17a = next(e for e in view["entities"] if e["text"] == "IL-17A")
    assert il17a["confidence"] == 0.5  # missing confidence counts as 0.5


def test_field_evidence_points_at_the_value_in_its_sentence(client: FlaskClient) -> None:
    view = client.get("/api/doc/trial-a").get_json()
    text = view["text"]
    fields = {f["name"]: f for f in view["records"][0]["fields"]}
    (route,) = fields["routes"]["evidence"]
    assert text[route["start"] : route["end"]] == "i.v."
    # "7" occurs only inside "IL-17A": no evidence rather than a wrong one
    assert fields["sample_size"]["evidence"] == []


def test_relabel_clears_the_norm_and_a_wrong_shape_is_refused(client: FlaskClient) -> None:
    """TNF-α relabelled as VESICLE must not keep (or be given back) the norm TNF-α."""
    url = "/api/doc/trial-a/entity/e4"
    view = post(client, url, {"action": "relabel", "label": "VESICLE", "version": 0}).get_json()
    e4 = next(e for e in view["entities"] if e["id"] == "e4")
    assert (e4["text"], e4["label"], e4["norm"]) == ("TNF-α", "VESICLE", "")
    assert e4["status"] == "pending"
    r = post(client, url, {"action": "accept", "version": 1})
    assert r.status_code == 422
    r = post(client, url, {"action": "norm", "norm": "TNF-α", "version": 1})
    assert r.status_code == 422 and "not a vesicle type" in r.get_json()["error"]
    # relabel and norm in one request
    view = post(
        client,
        "/api/doc/trial-a/entity/e5",
        {"action": "relabel", "label": "VESICLE", "norm": "MSC-exosome", "version": 0},
    ).get_json()
    e5 = next(e for e in view["entities"] if e["id"] == "e5")
    assert (e5["norm"], e5["status"]) == ("MSC-exosome", "accepted")


# --------------------------------------------------------------------------- issue 18, item 9


def test_no_favicon_404(client: FlaskClient) -> None:
    assert client.get("/favicon.ico").status_code == 204
    assert '<link rel="icon" href="data:,">' in client.get("/").get_data(as_text=True)


def test_export_button_downloads_what_review_export_writes(
    client: FlaskClient, store: EventStore, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from extractor.web.export import export_jsonl

    post(client, "/api/doc/trial-a/record/r0/field/sample_size", {"value": "8", "version": 0})
    for only in (False, True):
        r = client.get("/export.jsonl" + ("?confirmed_only=1" if only else ""))
        assert r.status_code == 200
        assert "attachment" in r.headers["Content-Disposition"]
        out = tmp_path / f"cli-{only}.jsonl"
        stats = export_jsonl(store, out, confirmed_only=only)
        assert r.get_data() == out.read_bytes()
        check = client.get("/api/export/check" + ("?confirmed_only=1" if only else "")).get_json()
        assert check["problems"] == list(stats.problems)
        assert check["documents"] == stats.documents == int(r.headers["X-Export-Documents"])
    html = client.get("/doc/trial-a").get_data(as_text=True)
    assert 'href="/export.jsonl"' in html


def test_document_list_shows_the_bibliography_title_else_a_title_line(
    tmp_path, client: FlaskClient
) -> None:  # type: ignore[no-untyped-def]
    from extractor.web.store import document_title

    pdf_like = {
        "text": "Frontiers in Immunology | www.frontiersin.org 1 July 2025\n"
        "Matwiejuk et al. 10.3389/fimmu.2025.1617157\n"
        "Adipose-derived mesenchymal stem cells in inflammatory skin diseases\n"
        "Abstract\nADMSCs offer a multifaceted approach.\n"
    }
    assert document_title(pdf_like) == (
        "Adipose-derived mesenchymal stem cells in inflammatory skin diseases"
    )
    assert document_title({**pdf_like, "bibliography": {"title": "The  real\ntitle"}}) == (
        "The real title"
    )
    assert document_title({"text": "Abstract\nKeywords: ADMSCs, exosomes, psoriasis, skin\n"}) == ""
    titles = {d["doc_id"]: d["title"] for d in client.get("/api/docs").get_json()["documents"]}
    assert titles["xss-doc"] == "<script>alert(1)</script> Exosomes <img src=x>"
    assert titles["trial-a"] == "Case series: UC-MSCs in psoriasis"


def test_no_evidence_span_only_when_there_is_none(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A record whose every evidence span names its field has evidence (the card must not
    say it has none); a corrected field no longer shows the evidence of its old value."""
    from extractor.io import write_jsonl
    from extractor.web.app import document_view

    from .conftest import trial_doc

    doc = trial_doc()
    text = doc["text"]
    s = text.index("seven patients")
    rec = doc["records"][0]
    rec["evidence"] = [{"start": s, "end": s + 14, "field": "sample_size"}]
    bare = trial_doc()
    bare["doc_id"], bare["records"][0]["evidence"] = "bare", []
    write_jsonl(tmp_path / "d.jsonl", [doc, bare])
    store = EventStore(tmp_path / "c.sqlite")
    store.load_documents(tmp_path / "d.jsonl")
    (r0,) = document_view(store.state("trial-a"))["records"]
    assert r0["evidence"] == [] and r0["has_evidence"] is True
    field = next(f for f in r0["fields"] if f["name"] == "sample_size")
    assert field["evidence"] == [{"start": s, "end": s + 14}]
    assert document_view(store.state("bare"))["records"][0]["has_evidence"] is False

    client = create_app(store).test_client()
    post(client, "/api/doc/trial-a/record/r0/field/sample_size", {"value": "8", "version": 0})
    (r0,) = client.get("/api/doc/trial-a").get_json()["records"]
    field = next(f for f in r0["fields"] if f["name"] == "sample_size")
    assert field["edited_by"] == "ann" and field["evidence"] == []
