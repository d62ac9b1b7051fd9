-- Lists that stay fast on a large registry (issue 18).
-- The search: a trigram index (pg_trgm) on the leads' folded search text answers
-- `LIKE '%term%'` for terms of three or more characters without reading every lead. pg_trgm
-- ships with PostgreSQL; where it cannot be installed (no CREATE right on the database), the
-- search still works, by reading the leads, and a notice says so.
DO $$
DECLARE s TEXT;
BEGIN
    SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    IF s IS NULL THEN
        CREATE EXTENSION pg_trgm;
        SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    END IF;
    EXECUTE format('CREATE INDEX leads_search_trgm ON leads USING gin (search %I.gin_trgm_ops)', s);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): the search reads every lead', SQLERRM;
END $$;
-- Contacts sorted by name, e-mail or phone, and leads by their contact's name: read in an
-- index's order, a page at a time, instead of sorting every contact. The expressions are the
-- ones the queries sort by; the contacts page reads live contacts (`merged_into IS NULL`).
CREATE INDEX contacts_sort_name ON contacts ((LOWER(COALESCE(name, email, phone, ''))), id);
CREATE INDEX contacts_live_name ON contacts (merged_into, (LOWER(COALESCE(name, email, phone, ''))), id);
CREATE INDEX contacts_live_email ON contacts (merged_into, (LOWER(COALESCE(email, ''))), id);
CREATE INDEX contacts_live_phone ON contacts (merged_into, (COALESCE(phone, '')), id);

-- "Late now": an SLA's deadline (`sla:ID:breach`) carries the time of its warning, so the SLAs
-- at risk are a range of an index, not a look at every running SLA's warning.
ALTER TABLE timers ADD COLUMN warn_at BIGINT;
UPDATE timers SET warn_at = (
    SELECT w.due_at FROM timers w
    WHERE w.lead_id = timers.lead_id AND w.created_at = timers.created_at
      AND w.kind = REPLACE(timers.kind, ':breach', ':warn') AND w.status <> 'cancelled'
    ORDER BY w.id DESC LIMIT 1)
WHERE status = 'pending' AND kind LIKE 'sla:%:breach';
CREATE INDEX timers_warn ON timers(status, warn_at) WHERE warn_at IS NOT NULL;
