-- Complaints (issue 21, item 6): a negative quality call (a task completed with its
-- definition's `complaint` outcome) records the customer's complaint — its substance the note
-- typed on the call —, linked to the lead's owner (the representative) and the lead's channel,
-- in management's table; resolved with a note. Status: 'open', 'resolved'.
CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    task_id INTEGER REFERENCES tasks(id),
    -- The lead's owner when the complaint was recorded (the representative it is about).
    owner_id INTEGER REFERENCES users(id),
    channel TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id),
    resolved_at INTEGER,
    resolved_by INTEGER REFERENCES users(id),
    resolution TEXT
);

CREATE INDEX complaints_by_time ON complaints (created_at, id);
CREATE INDEX complaints_by_lead ON complaints (lead_id, id);
