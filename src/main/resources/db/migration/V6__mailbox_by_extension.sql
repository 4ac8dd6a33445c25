-- The telephone's logon finds a mailbox by its extension: without an index, every logon read
-- every mailbox.
CREATE INDEX mailbox_by_extension ON mailbox (extension);
