-- Settings changed in the admin pages (issue 19): one row per field of a section (`sms`,
-- `email`, `phone`, `general`, `mailbox:NAME`). A secret's value (a token, a password) is sealed
-- with the installation's key (ChaCha20-Poly1305, base64) and never leaves the store in clear
-- except to the process that uses it. Environment variables and the configuration file win
-- over these rows where they are set.
CREATE TABLE settings (
    section TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    secret BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT,
    PRIMARY KEY (section, name)
);
