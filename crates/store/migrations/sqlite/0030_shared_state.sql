-- State every node shares (issue 22). What the admin pages save (settings, message texts, the
-- company's profile) bumps its row here in the saving transaction; each node reads these few
-- rows every second and reloads only what moved, so a save on one node is in force on all.
CREATE TABLE config_versions (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
INSERT INTO config_versions (name, version) VALUES ('settings', 0), ('messages', 0), ('company', 0);

-- Rate limits counted in the database, one row per scope (`form`), key (the client's address)
-- and fixed window (its start, microseconds): the same limit whichever node answers.
-- Windows that ended are removed.
CREATE TABLE rate_counts (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (scope, key, window_start)
);
CREATE INDEX rate_counts_window ON rate_counts(window_start);

-- Stored files (mail attachments), content-addressed by SHA-256, their bytes base64 (as the
-- company's logo): every node serves them, none keeps them in its own folder.
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
