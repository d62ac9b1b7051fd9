-- The catalogue of products and services (issue 20). Names per language as a JSON object
-- ({"en": "…", "cs": "…"}); price and VAT rate as decimal strings (never a float); `search`
-- holds the names folded (lower case, diacritics removed: pronto_domain::search::fold), one
-- per line, so that a search ignores case and diacritics on both engines alike.
CREATE TABLE products (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    sku_folded TEXT NOT NULL,
    names TEXT NOT NULL,
    unit TEXT NOT NULL,
    price TEXT NOT NULL,
    currency TEXT NOT NULL,
    vat_rate TEXT NOT NULL,
    supplier TEXT,
    supplier_sku TEXT,
    search TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX products_sku_folded ON products (sku_folded text_pattern_ops);
