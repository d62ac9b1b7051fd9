//! The request bodies whose rules JSON Schema states only with `anyOf`: written out here as
//! JSON, so the description says exactly what the handlers accept.

use serde_json::json;
use utoipa::openapi::{RefOr, schema::Schema};

const LINE: &str = r"^[^\u0000-\u001f\u007f-\u009f]*$";
const NONBLANK_LINE: &str = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$";
const TEXT: &str = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$";
const NONBLANK_TEXT: &str = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$";
const EMAIL: &str = r"^[A-Za-z0-9]([A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?)*\.[A-Za-z]{2,10}$";

/// A plain schema (no combinators: utoipa reads those as objects) from a JSON literal.
fn plain(v: serde_json::Value) -> Schema {
    serde_json::from_value(v).expect("a valid schema literal")
}

/// `base` and at least one of `branches`.
fn with_any_of(base: Schema, branches: Vec<serde_json::Value>) -> RefOr<Schema> {
    use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder};
    let any = branches.into_iter().fold(AnyOfBuilder::new(), |b, v| b.item(plain(v))).build();
    RefOr::T(AllOfBuilder::new().item(base).item(Schema::AnyOf(any)).build().into())
}

/// `{"required": [f]}` for each field: at least one of them is given.
pub fn at_least_one_of(fields: &[&str]) -> Vec<serde_json::Value> {
    fields.iter().map(|f| json!({ "type": "object", "required": [f] })).collect()
}

/// Wraps the derived schemas of the PATCH bodies: at least one field to change (the
/// handlers answer 422 to a body that names none).
pub struct AtLeastOneField;

impl utoipa::Modify for AtLeastOneField {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let lead = ["stage", "status", "owner", "customer_type", "subject", "message", "postal_code", "product", "language", "source"];
        let user = ["presence", "hours", "phone", "email", "language"];
        // `active` and `role` count only when not null (null is "not given").
        let mut user_branches = at_least_one_of(&user);
        user_branches.push(json!({ "type": "object", "required": ["active"], "properties": { "active": { "type": "boolean" } } }));
        user_branches.push(json!({ "type": "object", "required": ["role"], "properties": { "role": { "type": "string" } } }));
        let Some(c) = openapi.components.as_mut() else { return };
        for (name, branches) in [("LeadPatchIn", at_least_one_of(&lead)), ("UserPatchIn", user_branches)] {
            if let Some(RefOr::T(base)) = c.schemas.get(name).cloned() {
                c.schemas.insert(name.to_owned(), with_any_of(base, branches));
            }
        }
    }
}

impl utoipa::PartialSchema for super::ContactIn {
    fn schema() -> RefOr<Schema> {
        let base = plain(json!({
            "type": "object",
            "description": "At least one of `name`, `email`, `phone` (blank counts as absent).",
            "properties": {
                "name": { "type": ["string", "null"], "maxLength": 200, "pattern": LINE, "description": "One line, at most 200 characters." },
                "email": { "type": ["string", "null"], "maxLength": 254, "pattern": format!("({EMAIL})|^$"), "description": "An e-mail address." },
                "phone": { "type": ["string", "null"], "maxLength": 40, "format": "phone",
                    "description": "Any notation a valid number is written in (`777 123 456`, `+48 601 234 567`); without a country code it is read in `PRONTO_DEFAULT_REGION`. Stored and returned in E.164." },
                "company": { "type": ["string", "null"], "maxLength": 200, "pattern": LINE, "description": "The company's name." },
                "company_id": { "type": ["string", "null"], "maxLength": 64, "format": "company-id",
                    "description": "The company's registration number (IČO, NIP, …): 2–32 letters and digits (spaces, `-`, `.`, `/` ignored); an IČO must pass its checksum." }
            }
        }));
        with_any_of(base, vec![
            json!({ "type": "object", "required": ["name"], "properties": { "name": { "type": "string", "pattern": NONBLANK_LINE } } }),
            json!({ "type": "object", "required": ["email"], "properties": { "email": { "type": "string", "pattern": EMAIL } } }),
            json!({ "type": "object", "required": ["phone"], "properties": { "phone": { "type": "string", "minLength": 1, "format": "phone" } } }),
        ])
    }
}
impl utoipa::ToSchema for super::ContactIn {}

impl utoipa::PartialSchema for super::ActivityIn {
    fn schema() -> RefOr<Schema> {
        let no_outcome = json!({ "type": ["string", "null"], "pattern": r"^\s*$" });
        let direction = json!({ "type": "string", "enum": ["in", "out"] });
        let optional_direction = json!({ "type": ["string", "null"], "pattern": r"^(in|out)?$" });
        let base = plain(json!({
            "type": "object",
            "description": "A call needs `direction` and `outcome`; an e-mail or SMS `direction`; a note its `body`; only a call has an `outcome`.",
            "required": ["kind"],
            "properties": {
                "kind": { "type": "string", "enum": ["call", "email", "sms", "meeting", "note"] },
                "direction": { "type": ["string", "null"], "pattern": r"^(in|out)?$", "description": "`in` or `out`." },
                "outcome": { "type": ["string", "null"], "pattern": r"^(reached|no_answer|busy|failed|missed|transferred|manager_busy)?$",
                    "description": "For calls: `reached`, `no_answer`, `busy`, `failed`, `missed`, `transferred` or `manager_busy`." },
                "body": { "type": ["string", "null"], "maxLength": 20000, "pattern": TEXT },
                "at": { "type": ["string", "null"], "format": "past-time", "description": "RFC 3339, not in the future and not before 1970; default now." }
            }
        }));
        with_any_of(base, vec![
            json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["call"] }, "direction": direction,
                    "outcome": { "type": "string", "enum": ["reached", "no_answer", "busy", "failed", "missed", "transferred", "manager_busy"] } },
                    "required": ["direction", "outcome"] }),
            json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["email", "sms"] }, "direction": direction, "outcome": no_outcome },
                    "required": ["direction"] }),
            json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["meeting"] }, "direction": optional_direction, "outcome": no_outcome } }),
            json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["note"] }, "direction": optional_direction, "outcome": no_outcome,
                    "body": { "type": "string", "maxLength": 20000, "pattern": NONBLANK_TEXT } },
                    "required": ["body"] }),
        ])
    }
}
impl utoipa::ToSchema for super::ActivityIn {}

impl utoipa::PartialSchema for super::TokenIn {
    fn schema() -> RefOr<Schema> {
        let base = plain(json!({
            "type": "object",
            "description": "Either `expires_at` or `expires_in_days`, or neither (the token works until revoked).",
            "properties": {
                "name": { "type": ["string", "null"], "maxLength": 100, "pattern": LINE, "description": "What the token is for (shown in lists; default `api`)." },
                "expires_at": { "type": ["string", "null"], "format": "future-time", "description": "When the token stops working: RFC 3339 with offset, in the future." },
                "expires_in_days": { "type": ["integer", "null"], "minimum": 1, "maximum": 3650, "description": "Days until the token stops working." }
            }
        }));
        // Not both: at least one of the two is absent (or null).
        with_any_of(base, vec![
            json!({ "type": "object", "properties": { "expires_at": { "type": "null" } } }),
            json!({ "type": "object", "properties": { "expires_in_days": { "type": "null" } } }),
        ])
    }
}
impl utoipa::ToSchema for super::TokenIn {}
