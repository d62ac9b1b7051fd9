-- Complaints (issue 21, item 6): a negative quality call (a task completed with its
-- definition's `complaint` outcome) records the customer's complaint — its substance the note
-- typed on the call —, linked to the lead's owner (the representative) and the lead's channel,
-- in management's table; resolved with a note. Status: 'open', 'resolved'.
CREATE TABLE complaints (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    task_id BIGINT REFERENCES tasks(id),
    -- The lead's owner when the complaint was recorded (the representative it is about).
    owner_id BIGINT REFERENCES users(id),
    channel TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    resolved_at BIGINT,
    resolved_by BIGINT REFERENCES users(id),
    resolution TEXT
);

CREATE INDEX complaints_by_time ON complaints (created_at, id);
CREATE INDEX complaints_by_lead ON complaints (lead_id, id);
