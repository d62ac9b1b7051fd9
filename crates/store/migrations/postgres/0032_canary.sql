-- The mystery shopper (issue 23). A test inquiry is a lead marked `test`: set only by the
-- canary's own intake (a token signed with the installation's key), left out of every list,
-- count, report, webhook and live feed.
ALTER TABLE leads ADD COLUMN test BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE leads ADD COLUMN canary_run BIGINT;
CREATE INDEX leads_test ON leads(id) WHERE test;
CREATE INDEX leads_canary_run ON leads(canary_run) WHERE canary_run IS NOT NULL;
CREATE TABLE canary_runs (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    status TEXT NOT NULL DEFAULT 'running',
    failed_hop TEXT,
    error TEXT,
    node TEXT
);
CREATE INDEX canary_runs_channel ON canary_runs(channel, started_at);
CREATE TABLE canary_hops (
    run_id BIGINT NOT NULL REFERENCES canary_runs(id),
    hop TEXT NOT NULL,
    at BIGINT,
    ms BIGINT,
    ok BOOLEAN NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, hop)
);
CREATE TABLE canary_incidents (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    closed_at BIGINT,
    hop TEXT NOT NULL,
    error TEXT NOT NULL,
    -- The channels the admins were told on (`sms,email,in_app`); the recovery goes the same way.
    via TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX canary_incidents_open ON canary_incidents(channel) WHERE closed_at IS NULL;
