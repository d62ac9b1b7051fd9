-- The user lifecycle: a password an admin reset must be changed at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
-- Tokens may expire; their last use is recorded (at most once a minute).
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
-- Sign-in throttling per account (by the login as typed, known or not): failures in a row and
-- until when the next attempt must wait. Shared by every node; survives restarts.
CREATE TABLE login_throttle (
    login TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle(last_failure_at);
