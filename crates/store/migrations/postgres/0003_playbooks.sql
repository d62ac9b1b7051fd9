-- The playbook engine: every loaded playbook version, the tasks it creates, each lead's
-- playbook version, users' presence and own working hours, round-robin cursors, and the
-- address a notification goes to.
CREATE TABLE playbooks (
    name TEXT NOT NULL,
    version BIGINT NOT NULL,
    source TEXT NOT NULL,
    loaded_at BIGINT NOT NULL,
    loaded_by BIGINT REFERENCES users(id),
    PRIMARY KEY (name, version)
);
ALTER TABLE leads ADD COLUMN playbook_version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN presence TEXT NOT NULL DEFAULT 'available';
ALTER TABLE users ADD COLUMN hours TEXT;
ALTER TABLE users ADD COLUMN open_tasks BIGINT NOT NULL DEFAULT 0;
CREATE TABLE tasks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads(id),
    task TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT,
    assignee_id BIGINT REFERENCES users(id),
    priority TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    script TEXT,
    attempt BIGINT NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'open',
    outcome TEXT,
    note TEXT,
    created_at BIGINT NOT NULL,
    done_at BIGINT,
    done_by BIGINT REFERENCES users(id)
);
CREATE INDEX tasks_lead ON tasks(lead_id, status);
CREATE INDEX tasks_assignee ON tasks(assignee_id, status, due_at);
CREATE INDEX tasks_open_due ON tasks(status, due_at);
CREATE TABLE assignment_cursors (
    playbook TEXT NOT NULL,
    pool TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (playbook, pool)
);
ALTER TABLE outbox ADD COLUMN recipient_address TEXT;
CREATE INDEX outbox_lead ON outbox(lead_id);
CREATE INDEX outbox_user ON outbox(recipient_user);
