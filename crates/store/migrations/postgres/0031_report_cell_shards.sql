-- Several writers (several nodes) add to the same day's tallies with every lead: each adds to its
-- own share of a cell (`shard`, from its connection), so no writer waits for another's commit on
-- a hot row; a report adds the shares up.
ALTER TABLE report_cells ADD COLUMN shard INT NOT NULL DEFAULT 0;
ALTER TABLE report_cells DROP CONSTRAINT report_cells_pkey;
ALTER TABLE report_cells ADD PRIMARY KEY (day, dim, value, shard);
-- The outbox worker looks for the first due message per channel, so that the messages of a
-- channel it holds back (e-mail not set up, a provider failing) are never read on the way.
CREATE INDEX outbox_channel_due ON outbox(status, channel, next_attempt_at);
