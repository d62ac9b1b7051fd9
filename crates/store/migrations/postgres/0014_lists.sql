-- Lists that scale and merges that can be undone.
-- A merge of two contacts records exactly what it moved (`undo`, JSON: the kept contact's
-- fields before and after, the leads, activities and identities moved, the leads' search
-- texts before), so that undoing it puts every row back.
CREATE TABLE contact_merges (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kept_id BIGINT NOT NULL REFERENCES contacts(id),
    merged_id BIGINT NOT NULL REFERENCES contacts(id),
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id),
    undo TEXT NOT NULL,
    undone_at BIGINT,
    undone_by BIGINT REFERENCES users(id)
);
CREATE INDEX contact_merges_kept ON contact_merges(kept_id, id);
CREATE INDEX contact_merges_merged ON contact_merges(merged_id, id);
-- The contacts page: live contacts newest first, counted from the index alone.
CREATE INDEX contacts_live ON contacts(merged_into, id);
