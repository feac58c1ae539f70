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
