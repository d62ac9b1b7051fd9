-- Delivery: when an in-app notification was read.
ALTER TABLE outbox ADD COLUMN read_at BIGINT;
CREATE INDEX outbox_unread ON outbox(recipient_user, read_at);
