-- The audit trail holds every action on a PIN from now on, not only ResetPIN requests: telephone
-- logons, a user's own PIN, automatic resets, the administrator's commands. Never a PIN.
ALTER TABLE reset_attempt RENAME TO audit_event;
-- ResetPIN, logon, pin-change, automatic-reset, pin-reset, unlock, pin-show
ALTER TABLE audit_event ADD COLUMN action VARCHAR(32) DEFAULT 'ResetPIN' NOT NULL;
-- the SOAP outcomes (success, fault, login_failed, login_refused) and the telephone's (ok, wrong, locked...)
ALTER TABLE audit_event ALTER COLUMN outcome SET DATA TYPE VARCHAR(32);
