-- Offers on a lead (issue 20): each a version (1, 2, …) of the lead's offer; a new version
-- supersedes the earlier open one. Money is decimal text ("1234.50"), never a float; dates of
-- the deal are civil dates ("2026-12-31"); `expires_at` is the end of `valid_until` in the
-- office's time zone (microseconds since the epoch, like every time).
CREATE TABLE offers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    version BIGINT NOT NULL,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    net TEXT NOT NULL,
    vat TEXT NOT NULL,
    gross TEXT NOT NULL,
    -- [{"rate", "base", "vat"}] per VAT rate, as computed when the offer was made.
    vat_summary TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    delivery_date TEXT,
    cooperation TEXT,
    customer_provides TEXT,
    we_provide TEXT,
    note TEXT,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    sent_at BIGINT,
    sent_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    decision TEXT,
    decision_note TEXT,
    superseded_by BIGINT REFERENCES offers(id),
    UNIQUE (lead_id, version)
);

CREATE TABLE offer_items (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id BIGINT NOT NULL REFERENCES offers(id),
    position BIGINT NOT NULL,
    sku TEXT,
    name TEXT NOT NULL,
    unit TEXT,
    quantity TEXT NOT NULL,
    unit_price TEXT NOT NULL,
    discount TEXT NOT NULL,
    vat_rate TEXT NOT NULL,
    net TEXT NOT NULL,
    vat TEXT NOT NULL,
    gross TEXT NOT NULL,
    availability TEXT,
    available_on TEXT,
    UNIQUE (offer_id, position)
);
