-- The mystery shopper (issue 23). A test inquiry is a lead marked `test`: set only by the
-- canary's own intake (a token signed with the installation's key), left out of every list,
-- count, report, webhook and live feed.
ALTER TABLE leads ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN canary_run INTEGER;
CREATE INDEX leads_test ON leads(id) WHERE test = 1;
CREATE INDEX leads_canary_run ON leads(canary_run) WHERE canary_run IS NOT NULL;
-- One row per run of one channel, its hops (when each was reached, or its error).
CREATE TABLE canary_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    -- 'running', 'passed', 'failed', 'late'
    status TEXT NOT NULL DEFAULT 'running',
    failed_hop TEXT,
    error TEXT,
    node TEXT
);
CREATE INDEX canary_runs_channel ON canary_runs(channel, started_at);
CREATE TABLE canary_hops (
    run_id INTEGER NOT NULL REFERENCES canary_runs(id),
    hop TEXT NOT NULL,
    at INTEGER,
    ms INTEGER,
    ok INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, hop)
);
-- An open incident per channel at most (`closed_at` NULL): one alert when it opens, one
-- message when it closes.
CREATE TABLE canary_incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    closed_at INTEGER,
    hop TEXT NOT NULL,
    error TEXT NOT NULL,
    -- The channels the admins were told on (`sms,email,in_app`); the recovery goes the same way.
    via TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX canary_incidents_open ON canary_incidents(channel) WHERE closed_at IS NULL;
