"""The curator review app: a Flask factory over an ``EventStore``.

Security stance (local tool, but papers are untrusted input): paper text only ever reaches the
page as JSON read by ``textContent`` or through Jinja autoescaping, and a strict CSP forbids
inline script as a second wall; the only files served are the package's own static assets;
every state-changing request needs the session's CSRF token in a header and a same-origin
``Origin``; request bodies are capped.
"""

from __future__ import annotations

import functools
import hmac
import io
import re
import secrets
from collections.abc import Callable
from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    session,
)

from extractor import __version__
from extractor.types import DESIGNS, DISEASES, INTERVENTIONS, LABELS, MODELS, ROUTES
from extractor.web.actions import (
    add_entity_change,
    entity_change,
    field_change,
    record_status_change,
)
from extractor.web.export import write_export
from extractor.web.fields import EDITABLE_FIELDS, format_field
from extractor.web.store import (
    Conflict,
    DocState,
    EventStore,
    Invalid,
    NotFound,
    document_title,
)

MAX_REQUEST_BYTES = 64 * 1024
DEFAULT_CONFIDENCE = 0.5  # an item without a score sorts between sure and unsure ones
_CURATOR_RE = re.compile(r"[^\x00-\x1f\x7f]{1,64}")

# Label key bindings and the short tag printed after each span (readable without colour).
LABEL_KEYS = {
    "CELL": ("1", "c", "C"),
    "VESICLE": ("2", "v", "V"),
    "CYTOKINE": ("3", "k", "K"),
    "DOSE": ("4", "d", "D"),
    "OUTCOME_SCORE": ("5", "o", "S"),
}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _confidence(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else DEFAULT_CONFIDENCE


# values that name a category rather than quote the text ("cells", "human"): never located
_CATEGORY_FIELDS = frozenset({"study_id", "disease", "intervention", "model", "design"})


def _value_words(name: str, value: Any) -> list[str]:
    """Words of a field value worth finding in the evidence text (names, measures, numbers)."""
    if value in (None, "", []) or name in _CATEGORY_FIELDS:
        return []
    if name == "doses":
        return [str(d.get("text") or "") for d in value if isinstance(d, dict)]
    if name == "outcomes":
        return [str(o.get("measure") or "") for o in value if isinstance(o, dict)]
    if name == "cytokines":
        return [str(c.get("name") or "") for c in value if isinstance(c, dict)]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


@functools.lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    # whole words only: "7" must not light up inside "IL-17A"
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def _evidence_for(
    text: str, rec: dict[str, Any], name: str, corrected: bool = False
) -> list[dict[str, int]]:
    """Spans to show beside a field: its own evidence if the record says which supports it
    (not once a curator corrected the field: it supported the old value); else where the
    value itself occurs inside the record's evidence (so ``i.v.`` is shown in its sentence);
    else nothing, and the record-level evidence stands above the fields."""
    spans = [e for e in rec.get("evidence") or [] if isinstance(e, dict)]
    own = [e for e in spans if e.get("field") == name]
    if own and not corrected:
        return [{"start": int(e["start"]), "end": int(e["end"])} for e in own[:3]]
    found = []
    for e in spans:
        if e.get("field"):
            continue
        s, t = int(e["start"]), int(e["end"])
        for word in _value_words(name, rec.get(name)):
            if not word.strip():
                continue
            m = _whole_word(word).search(text, s, t)
            if m:
                found.append({"start": m.start(), "end": m.end()})
                break
        if found:
            break
    return found


def _entity_view(st: DocState, eid: str, e: dict[str, Any]) -> dict[str, Any]:
    """One entity as the page shows it: a dose norm as its text, a missing norm as ""."""
    return {
        "id": eid,
        "start": e["start"],
        "end": e["end"],
        "label": e["label"],
        "text": e.get("text", st.text[e["start"] : e["end"]]),
        "norm": format_field("doses", e["norm"])
        if isinstance(e.get("norm"), list)
        else (e.get("norm") or ""),
        "status": e.get("status", "pending"),
        "confidence": _confidence(e.get("confidence")),
        "version": st.version(f"entity:{eid}"),
    }


def _field_views(st: DocState, rid: str, rec: dict[str, Any]) -> list[dict[str, Any]]:
    """A record's editable fields, least confident first (SCHEMA order among equals)."""
    conf: dict[str, Any] = rec["confidence"] if isinstance(rec.get("confidence"), dict) else {}
    fields: list[dict[str, Any]] = []
    for name in EDITABLE_FIELDS:
        target = f"record:{rid}:{name}"
        last = st.last.get(target)
        fields.append(
            {
                "name": name,
                "value": format_field(name, rec.get(name)),
                "version": st.version(target),
                "confidence": _confidence(conf.get(name)),
                "evidence": _evidence_for(st.text, rec, name, corrected=last is not None),
                "edited_by": last.curator if last else None,
            }
        )
    fields.sort(key=lambda f: f["confidence"])  # stable: SCHEMA order among equals
    return fields


def _record_view(st: DocState, rid: str, rec: dict[str, Any]) -> dict[str, Any]:
    """One record with its fields; the record is as confident as its least sure field."""
    fields = _field_views(st, rid, rec)
    return {
        # "no evidence span" is shown only when neither the record nor a field has one
        "has_evidence": any(isinstance(e, dict) for e in rec.get("evidence") or [])
        or any(f["evidence"] for f in fields),
        "id": rid,
        "study_id": rec.get("study_id") or rid,
        "status": rec.get("_status", "pending"),
        "status_version": st.version(f"record:{rid}:_status"),
        "confidence": min(f["confidence"] for f in fields),
        "fields": fields,
        "conflicts": rec.get("conflicts") or [],
        "evidence": [
            {"start": int(e["start"]), "end": int(e["end"])}
            for e in rec.get("evidence") or []
            if isinstance(e, dict) and not e.get("field")
        ][:3],
    }


def document_view(st: DocState) -> dict[str, Any]:
    """What the page needs for one document, least confident items first."""
    entities = [_entity_view(st, eid, e) for eid, e in st.entities()]
    records = [_record_view(st, rid, rec) for rid, rec in st.records().items()]
    records.sort(key=lambda r: r["confidence"])
    return {
        "doc_id": st.doc_id,
        "source": st.baseline.get("source", ""),
        "title": document_title(st.baseline),
        "text": st.text,
        "error": st.baseline.get("error"),
        "entities": entities,
        "records": records,
        "events": st.n_events,
    }


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def create_app(
    store: EventStore,
    *,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS,
) -> Flask:
    """The review app over ``store``; creates nothing until called (STYLE B10).

    ``allowed_hosts`` are the names the ``Host`` header may carry (``"*"``: any). Checking it
    stops DNS rebinding: a foreign page whose name resolves to 127.0.0.1 would otherwise be
    same-origin with the app and could read a CSRF token.
    """
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=store.secret_key(),
        MAX_CONTENT_LENGTH=max_request_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        JSON_SORT_KEYS=False,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions[_STORE] = store
    app.extensions[_HOSTS] = allowed_hosts
    app.before_request(_guard)
    app.after_request(_security_headers)
    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, _http_error)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(Invalid, _invalid)
    app.register_error_handler(Conflict, _conflict)
    for method, rule, view in _VIEWS:
        app.add_url_rule(rule, view_func=view, methods=[method])
    return app


# Where create_app keeps the store and the allowed Host names for the views below.
_STORE = "extractor.review.store"
_HOSTS = "extractor.review.allowed_hosts"


def _store() -> EventStore:
    store: EventStore = current_app.extensions[_STORE]
    return store


# ---------------------------------------------------------------------- request helpers


def _csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])


def _curator() -> str:
    name = request.headers.get("X-Curator", "").strip()
    if not _CURATOR_RE.fullmatch(name):
        abort(400, description="enter a curator name (1-64 printable characters)")
    return name


def _page_context() -> dict[str, Any]:
    return {
        "csrf": _csrf_token(),
        "labels": [(lbl, *LABEL_KEYS[lbl]) for lbl in LABELS],
        "version": __version__,
    }


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="expected a JSON object body")
    return data


def _version_of(data: dict[str, Any]) -> int:
    v = data.get("version")
    if not isinstance(v, int) or isinstance(v, bool):
        abort(400, description="'version' (integer) is required")
    return v


# ---------------------------------------------------------------------- guards and errors


def _guard() -> None:
    """Refuse a foreign Host; a state change needs a same-origin request and the CSRF token."""
    allowed_hosts = current_app.extensions[_HOSTS]
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    if "*" not in allowed_hosts and host.strip("[]") not in allowed_hosts:
        abort(403, description=f"host {request.host!r} not allowed")
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    origin = request.headers.get("Origin")
    if origin is not None and origin.rstrip("/") != request.host_url.rstrip("/"):
        abort(403, description="cross-origin request refused")
    sent = request.headers.get("X-CSRF-Token", "")
    expected = session.get("csrf")
    if not expected or not hmac.compare_digest(str(expected), sent):
        abort(403, description="missing or stale CSRF token; reload the page")


def _security_headers(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _http_error(err: Any) -> tuple[Response, int]:
    return jsonify(error=str(getattr(err, "description", err))), err.code


def _not_found(err: NotFound) -> tuple[Response, int]:
    return jsonify(error=str(err.args[0] if err.args else err)), 404


def _invalid(err: Invalid) -> tuple[Response, int]:
    return jsonify(error=str(err)), 422


def _conflict(err: Conflict) -> tuple[Response, int]:
    who = err.curator or "someone"
    return (
        jsonify(
            error=f"not saved: {who} changed this at {err.ts}; reload to see it and redo yours",
            conflict=err.to_dict(),
        ),
        409,
    )


# ---------------------------------------------------------------------- pages


def index() -> str:
    return render_template("index.html", docs=_store().summaries(), doc_id=None, **_page_context())


def doc_page(doc_id: str) -> str:
    docs = _store().summaries()
    if doc_id not in {d["doc_id"] for d in docs}:
        abort(404, description=f"no document {doc_id!r}")
    return render_template("index.html", docs=docs, doc_id=doc_id, **_page_context())


# ---------------------------------------------------------------------- API: reading


def favicon() -> Response:
    return Response(status=204)  # the page names no icon; a browser asking gets no 404


def export() -> Response:
    """The export button: what `extractor review export` writes, as a download."""
    confirmed_only = request.args.get("confirmed_only") in ("1", "true")
    buf = io.StringIO()
    stats = write_export(_store(), buf, confirmed_only)
    name = "curated-confirmed.jsonl" if confirmed_only else "curated.jsonl"
    resp = Response(buf.getvalue(), mimetype="application/jsonl; charset=utf-8")
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    resp.headers["X-Export-Documents"] = str(stats.documents)
    resp.headers["X-Export-Problems"] = str(len(stats.problems))
    return resp


def export_check() -> Response:
    """What the export would hold and the gold check's findings, for the page to show."""
    confirmed_only = request.args.get("confirmed_only") in ("1", "true")
    stats = write_export(_store(), io.StringIO(), confirmed_only)
    return jsonify(
        documents=stats.documents,
        entities=stats.entities,
        records=stats.records,
        problems=list(stats.problems),
    )


def vocab() -> Response:
    return jsonify(
        labels=list(LABELS),
        diseases=[*DISEASES, "other: <text>"],
        interventions=list(INTERVENTIONS),
        models=list(MODELS),
        designs=list(DESIGNS),
        routes=list(ROUTES),
    )


def docs() -> Response:
    return jsonify(documents=_store().summaries())


def doc(doc_id: str) -> Response:
    return jsonify(document_view(_store().state(doc_id)))


def events(doc_id: str) -> Response:
    store = _store()
    store.state(doc_id)  # 404 for an unknown document
    return jsonify(events=[e.to_dict() for e in store.events(doc_id)])


# ---------------------------------------------------------------------- API: corrections


def entity(doc_id: str, eid: str) -> Response:
    data, who, store = _body(), _curator(), _store()
    st = store.state(doc_id)
    kw = {k: data[k] for k in ("label", "start", "end", "norm") if k in data}
    change = entity_change(st, eid, str(data.get("action")), _version_of(data), **kw)
    store.apply(doc_id, [change], who)
    return jsonify(document_view(store.state(doc_id)))


def add_entity(doc_id: str) -> Response:
    data, who, store = _body(), _curator(), _store()
    st = store.state(doc_id)
    eid, change = add_entity_change(st, data.get("start"), data.get("end"), data.get("label"))
    store.apply(doc_id, [change], who)
    view = document_view(store.state(doc_id))
    view["added"] = eid
    return jsonify(view)


def record_field(doc_id: str, rid: str, name: str) -> Response:
    data, who, store = _body(), _curator(), _store()
    st = store.state(doc_id)
    change = field_change(st, rid, name, data.get("value"), _version_of(data))
    store.apply(doc_id, [change], who)
    return jsonify(document_view(store.state(doc_id)))


def record_status(doc_id: str, rid: str) -> Response:
    data, who, store = _body(), _curator(), _store()
    st = store.state(doc_id)
    change = record_status_change(st, rid, str(data.get("action")), _version_of(data))
    store.apply(doc_id, [change], who)
    return jsonify(document_view(store.state(doc_id)))


def undo(doc_id: str) -> Response:
    who, store = _curator(), _store()
    ev = store.undo(doc_id, who)
    view = document_view(store.state(doc_id))
    view["undone"] = ev.to_dict()
    return jsonify(view)


# Every route: method, rule, view (the view's name is its endpoint).
_VIEWS: tuple[tuple[str, str, Callable[..., Any]], ...] = (
    ("GET", "/", index),
    ("GET", "/doc/<doc_id>", doc_page),
    ("GET", "/favicon.ico", favicon),
    ("GET", "/export.jsonl", export),
    ("GET", "/api/export/check", export_check),
    ("GET", "/api/vocab", vocab),
    ("GET", "/api/docs", docs),
    ("GET", "/api/doc/<doc_id>", doc),
    ("GET", "/api/doc/<doc_id>/events", events),
    ("POST", "/api/doc/<doc_id>/entity/<eid>", entity),
    ("POST", "/api/doc/<doc_id>/entities", add_entity),
    ("POST", "/api/doc/<doc_id>/record/<rid>/field/<name>", record_field),
    ("POST", "/api/doc/<doc_id>/record/<rid>/status", record_status),
    ("POST", "/api/doc/<doc_id>/undo", undo),
)


def serve(app: Flask, *, host: str, port: int, threads: int = 4) -> None:
    """Serve ``app`` with waitress, a production WSGI server (Flask's own is for development).

    Blocks until interrupted. Each request is short (one SQLite transaction), so a few threads
    are plenty for a handful of curators.
    """
    import waitress

    waitress.serve(app, host=host, port=port, threads=threads, ident="extractor-review")
