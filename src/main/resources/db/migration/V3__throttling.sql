-- One row per reset, written in the reset's own transaction: a reset that failed leaves none.
-- The resets of a mailbox in the last hour are counted here, by every instance sharing the store.
CREATE TABLE pin_reset (
    mailbox_id BIGINT NOT NULL REFERENCES mailbox (id),
    reset_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pin_reset_by_mailbox ON pin_reset (mailbox_id, reset_at);

-- One row per failed login, twice: by the user name ('user:alice') and by the client
-- address ('address:192.0.2.7'). Rows older than the window are deleted as new ones come.
CREATE TABLE failed_login (
    subject   VARCHAR(340) NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX failed_login_by_subject ON failed_login (subject, failed_at);
CREATE INDEX failed_login_by_time ON failed_login (failed_at);
