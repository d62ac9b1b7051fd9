-- Lists that stay fast on a large registry (issue 18).
-- The search: an FTS5 index of the leads' folded search text by trigrams, so that a term of
-- three or more characters finds its leads without reading every lead (`LIKE '%term%'` did).
-- It holds no copy of the text (`content='leads'`); the triggers keep it in step.
CREATE VIRTUAL TABLE leads_fts USING fts5(search, content='leads', content_rowid='id', tokenize='trigram', columnsize=0);
INSERT INTO leads_fts(leads_fts) VALUES ('rebuild');
CREATE TRIGGER leads_fts_insert AFTER INSERT ON leads BEGIN
    INSERT INTO leads_fts(rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER leads_fts_delete AFTER DELETE ON leads BEGIN
    INSERT INTO leads_fts(leads_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER leads_fts_update AFTER UPDATE OF search ON leads WHEN old.search IS NOT new.search BEGIN
    INSERT INTO leads_fts(leads_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO leads_fts(rowid, search) VALUES (new.id, new.search);
END;
-- Contacts sorted by name, e-mail or phone, and leads by their contact's name: read in an
-- index's order, a page at a time, instead of sorting every contact. The expressions are the
-- ones the queries sort by; the contacts page reads live contacts (`merged_into IS NULL`).
CREATE INDEX contacts_sort_name ON contacts(LOWER(COALESCE(name, email, phone, '')), id);
CREATE INDEX contacts_live_name ON contacts(merged_into, LOWER(COALESCE(name, email, phone, '')), id);
CREATE INDEX contacts_live_email ON contacts(merged_into, LOWER(COALESCE(email, '')), id);
CREATE INDEX contacts_live_phone ON contacts(merged_into, COALESCE(phone, ''), id);

-- "Late now": an SLA's deadline (`sla:ID:breach`) carries the time of its warning, so the SLAs
-- at risk are a range of an index, not a look at every running SLA's warning.
ALTER TABLE timers ADD COLUMN warn_at INTEGER;
UPDATE timers SET warn_at = (
    SELECT w.due_at FROM timers w
    WHERE w.lead_id = timers.lead_id AND w.created_at = timers.created_at
      AND w.kind = REPLACE(timers.kind, ':breach', ':warn') AND w.status <> 'cancelled'
    ORDER BY w.id DESC LIMIT 1)
WHERE status = 'pending' AND kind LIKE 'sla:%:breach';
CREATE INDEX timers_warn ON timers(status, warn_at) WHERE warn_at IS NOT NULL;
