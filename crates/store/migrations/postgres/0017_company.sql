-- The company's own profile (one row): its identity shown to customers (name, logo, accent
-- colour, contact), the default language and region when the configuration sets none, the
-- office calendar (the same JSON as a user's own hours) and the first-start guide's progress.
CREATE TABLE company_profile (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    name TEXT,
    accent TEXT,
    address TEXT,
    phone TEXT,
    email TEXT,
    web TEXT,
    language TEXT,
    region TEXT,
    logo TEXT,
    logo_type TEXT,
    logo_version BIGINT NOT NULL DEFAULT 0,
    office_hours TEXT,
    guide TEXT,
    updated_at BIGINT,
    updated_by BIGINT
);
INSERT INTO company_profile (id) VALUES (1);
