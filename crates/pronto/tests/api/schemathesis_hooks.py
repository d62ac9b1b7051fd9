"""schemathesis hooks for crates/pronto/tests/api/schema.rs (loaded with SCHEMATHESIS_HOOKS).

JSON Schema says what a value looks like; a few of Pronto's rules are about meaning, and these
hooks tell the generator about them so that it only calls "valid" what the server accepts too:

- custom string formats the description declares (`phone`, `company-id`, `stage-id`,
  `playbook-name`, `task-outcome`, `fluent-pattern`, `imap-url`, `time-zone`, `week-hours`,
  `cursor`, `past-time`): values a person or another system would send, drawn from lists that are valid
  by construction (a phone number libphonenumber calls valid, an IČO with its checksum …);
- `from` before `to` in the reports' query (one parameter's rule about another);
- `from` before `to`, whose default is now (the manual clock's 2031-05-06T07:00Z);
- a lead's `owner` names a user the test server has (ids are state, not shape);
- two documented rules about the record a request names, not about its shape: a task's
  outcome must be one of *that* task's outcomes (a call's `no_answer`, a to-do's `done`), and an
  e-mail without `to` needs a lead whose contact has an address. A 422 saying exactly that is
  the rule working, not a gap in the description, so `filter_failure` drops those two; it also
  drops a "schema-violating request accepted" whose invalid query value was never sent (a
  mutation to an object a query string cannot carry: schemathesis/schemathesis#4600);
- an offer's line has the supplier's date exactly when it is on order, and an offer's dates are
  from the server's today on (`offer-date`);
- a web form's meaning (`PUT /api/v1/forms/{key}`: known fields, one of name/e-mail/phone, a
  consent text in the form's language …) and its key's shape (the path's record).
"""

import base64
import schemathesis
from hypothesis import strategies as st

fmt = schemathesis.openapi.format

fmt("phone", st.sampled_from(["777 123 456", "+420 777 123 457", "+420601234567", "+48 601 234 567", "+44 20 7946 0958", "603 111 222"]))
fmt("region", st.sampled_from(["", "CZ", "SK", "pl", "DE", "GB"]))
fmt("company-id", st.sampled_from(["25596641", "255 966 41", "CZ25596641", "1234567890", "PL5260250274"]))
fmt("stage-id", st.sampled_from(["received", "contacted", "qualified", "offer", "won", "lost"]))
fmt("playbook-name", st.sampled_from(["agency"]))
fmt("task-outcome", st.sampled_from(["no_answer", "busy", "reached", "failed"]))
fmt("fluent-pattern", st.sampled_from(["Thank you, we will call.", "New inquiry: { $contact_name }", "Hello { $contact_name }, lead { $lead_id }"]))
fmt("imap-url", st.sampled_from(["imap://user:secret@127.0.0.1:1/INBOX", "imaps://user:secret@127.0.0.1:1/INBOX"]))
fmt("time-zone", st.sampled_from(["Europe/Prague", "UTC", "America/New_York"]))
# Before the test server's manual clock (2031-05-06T07:00Z), after 1970; blank means "now".
fmt("past-time", st.sampled_from(["", "2031-05-06T06:00:00Z", "2030-12-24T18:30:00+01:00", "2026-01-02T03:04:05.5Z", "1999-12-31T23:59:59Z"]))
fmt("audit-cursor", st.integers(min_value=1, max_value=50).map(lambda n: base64.urlsafe_b64encode(f"audit:{n}".encode()).decode().rstrip("=")))
# A password the policy takes: 12+ characters, not common, no run or repeat, not a login or name.
fmt("new-password", st.sampled_from(["violet tractor maple sunrise", "Mlha nad rybníkem ve čtyři", "quiet otter juggles seven lemons"]))
# After the test server's manual clock (2031-05-06T07:00Z).
fmt("future-time", st.sampled_from(["2031-06-01T00:00:00Z", "2032-01-01T12:00:00+01:00", "2040-12-31T23:59:59Z"]))
# An offer's dates (issue 20): from the test server's today (2031-05-06), within three years.
fmt("offer-date", st.sampled_from(["2031-05-06", "2031-05-20", "2031-12-31", "2033-06-30"]))
fmt("cursor", st.integers(min_value=1, max_value=50).map(lambda n: base64.urlsafe_b64encode(f"lead:{n}".encode()).decode().rstrip("=")))

# The catalogue (issue 20): values a person would type; the article number is made unique per
# request in map_body (a taken one is a 409 by design).
fmt("sku", st.sampled_from(["KT-100", "SRV 2", "ŁÓDŹ-7", "a"]))
fmt("product-name", st.sampled_from(["Kotel Vaillant ecoTEC", "Oběhové čerpadlo", "Котёл", "דוד חימום", "Pump"]))
fmt("unit", st.sampled_from(["ks", "pcs", "h", "m²", "balení"]))
fmt("money", st.sampled_from(["0", "1", "12500.50", "0.0001", "999999999999.9999", "10,5"]))
fmt("currency", st.sampled_from(["CZK", "EUR", "usd", "PLN", "ILS"]))
fmt("vat-rate", st.sampled_from(["0", "10", "21", "12.5", "100"]))

REPORT_PATHS = ("/api/v1/reports/",)


@schemathesis.hook
def filter_query(ctx, query):
    op = ctx.operation
    if op is not None and op.path == "/api/v1/audit" and query:
        # Both bounds given: `from` before `to` (without `to` there is no upper bound).
        f, t = query.get("from"), query.get("to")
        if isinstance(f, str) and f.strip() and isinstance(t, str) and t.strip():
            try:
                return _time(f) < _time(t)
            except ValueError:
                return True
    if op is not None and op.path.startswith(REPORT_PATHS) and query:
        f, t = query.get("from"), query.get("to")
        if isinstance(f, str) and f.strip():
            t = t if isinstance(t, str) and t.strip() else NOW
            try:
                return _time(f) < _time(t)
            except ValueError:
                return True
    return True


NOW = "2031-05-06T07:00:00Z"


def _time(s):
    from datetime import datetime
    return datetime.fromisoformat(s.strip().replace("Z", "+00:00"))


# (operation path, the 422's message) of the rules about the named record.
RECORD_RULES = [
    ("/api/v1/tasks/{id}/complete", "is not an outcome of this task"),
    ("/api/v1/leads/{id}/emails", "the lead's contact has no e-mail address; give `to`"),
    # A web form's key is its address: a few lower-case letters (the path names the record).
    ("/api/v1/forms/{key}", "The form's name in its address"),
    # … and what a form means, which JSON Schema cannot say (FormSpec::check).
    ("/api/v1/forms/{key}", "Ask for at least one of: name, e-mail, phone"),
    ("/api/v1/forms/{key}", "Write the consent text in the form's language"),
    ("/api/v1/forms/{key}", "Choose the fields from the list offered"),
    ("/api/v1/forms/{key}", "Choose one of the languages offered"),
    ("/api/v1/forms/{key}", "Choose one of the processes offered"),
    # An offer's line has the supplier's date exactly when it is on order (OfferDraft::parse);
    # `map_body` keeps generated lines so, and a phase that skips the hooks meets the rule.
    ("/api/v1/leads/{id}/offers", "only a line `on_order` has the supplier's date"),
    ("/api/v1/leads/{id}/offers", "give the supplier's date for a line on order"),
    # The current password is the caller's secret, which no generator knows.
    ("/api/v1/me/password", "is not your current password"),
]


def _never_sent(case, response):
    """A negative case whose invalid query value never reached the server: a mutation to an
    object (or null) that a query string cannot carry, so the request went without it —
    schemathesis's own false positive (schemathesis/schemathesis#4600)."""
    query = case.query or {}
    odd = any(v is None or isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, (dict, list)) or x is None for x in v)) for v in query.values())
    sent = getattr(getattr(response, "request", None), "url", None)
    return odd or (query and isinstance(sent, str) and "?" not in sent)


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    if type(failure).__name__ == "AcceptedNegativeData" and 200 <= response.status_code < 300 and _never_sent(case, response):
        return False
    if response.status_code == 422:
        for path, message in RECORD_RULES:
            if case.operation.path == path and message in response.text:
                return False
    return True


FORM_LANGS = ["en", "cs", "ru", "pl", "he"]
FORM_FIELDS = ["name", "email", "phone", "company", "message", "product", "postal_code", "customer_type", "consent"]


def _line(v, n):
    return isinstance(v, str) and len(v) <= n and not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in v)


def _form(body):
    """A web form's meaning (FormSpec::check): known fields once each, one of name/e-mail/phone,
    labels one line, languages of the five, a consent text in the form's language, redirects
    that are addresses, a playbook the server has."""
    fs = body.get("fields")
    if not isinstance(body.get("language"), str) or not isinstance(fs, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fs):
        return body  # not the schema's shape: the server must refuse it as it is
    lang = body.get("language") if body.get("language") in FORM_LANGS else "cs"
    body["language"] = lang
    fields, seen = [], set()
    for f in body.get("fields") or []:
        if isinstance(f, dict) and f.get("name") in FORM_FIELDS and f["name"] not in seen:
            seen.add(f["name"])
            labels = f.get("labels") if isinstance(f.get("labels"), dict) else {}
            f["labels"] = {k: v for k, v in labels.items() if k in FORM_LANGS and _line(v, 200)}
            fields.append(f)
    if not seen & {"name", "email", "phone"}:
        fields.insert(0, {"name": "phone", "required": True, "labels": {}})
    body["fields"] = fields
    for key, n in (("consent_text", 2000), ("thanks", 2000)):
        m = body.get(key) if isinstance(body.get(key), dict) else {}
        body[key] = {k: v for k, v in m.items() if k in FORM_LANGS and isinstance(v, str) and len(v) <= n}
    m = body.get("redirect") if isinstance(body.get("redirect"), dict) else {}
    body["redirect"] = {k: "https://www.example.com/thanks" for k in m if k in FORM_LANGS}
    if "consent" in seen and not str(body["consent_text"].get(lang, "")).strip():
        body["consent_text"][lang] = "I agree to the processing of my personal data."
    if not _line(body.get("source"), 100):
        body["source"] = None
    if body.get("playbook") is not None:
        body["playbook"] = "agency"
    return body


_SKU = [0]


def _product(body):
    """A new article number for every product sent (the catalogue's numbers are unique)."""
    if isinstance(body.get("sku"), str) and body["sku"].strip():
        _SKU[0] += 1
        body["sku"] = f"{body['sku'].strip()[:50]}-{_SKU[0]}"
    return body


def _offer(body):
    """An offer's line has the supplier's date exactly when it is `on_order` (OfferDraft::parse)."""
    for item in body.get("items") or []:
        if isinstance(item, dict):
            a = item.get("availability")
            if isinstance(a, str) and a.strip() == "on_order":
                if not item.get("available_on"):
                    item["available_on"] = "2031-06-01"
            else:
                item.pop("available_on", None)
    return body


@schemathesis.hook
def map_body(ctx, body):
    op = ctx.operation
    if op is not None and op.path in ("/api/v1/products", "/api/v1/products/{id}") and isinstance(body, dict):
        return _product(body)
    if op is not None and op.path == "/api/v1/leads/{id}/offers" and isinstance(body, dict):
        return _offer(body)
    if op is not None and op.path == "/api/v1/forms/{key}" and isinstance(body, dict):
        return _form(body)
    if op is not None and op.path in ("/api/v1/leads", "/api/v1/leads/{id}") and isinstance(body, dict):
        owner = body.get("owner")
        if isinstance(owner, (int, float)) and not isinstance(owner, bool) and owner >= 1 and float(owner).is_integer():
            body["owner"] = 2
    return body
