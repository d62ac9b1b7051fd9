-- Web forms built in the admin pages: the form's key (its address, /forms/KEY) and its
-- definition (fields, labels, texts per language) as JSON. A form of the config file with the
-- same key wins over the stored one.
CREATE TABLE web_forms (
    key TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id)
);
