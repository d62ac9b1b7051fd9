-- The tallies' cells in shares (see the PostgreSQL migration); SQLite has one writer, which
-- writes share 0.
CREATE TABLE report_cells_new (
    day INTEGER NOT NULL,
    dim TEXT NOT NULL,
    value TEXT NOT NULL,
    shard INTEGER NOT NULL DEFAULT 0,
    tally TEXT NOT NULL,
    PRIMARY KEY (day, dim, value, shard)
);
INSERT INTO report_cells_new (day, dim, value, shard, tally) SELECT day, dim, value, 0, tally FROM report_cells;
DROP TABLE report_cells;
ALTER TABLE report_cells_new RENAME TO report_cells;
-- The outbox worker looks for the first due message per channel, so that the messages of a
-- channel it holds back (e-mail not set up, a provider failing) are never read on the way.
CREATE INDEX outbox_channel_due ON outbox(status, channel, next_attempt_at);
