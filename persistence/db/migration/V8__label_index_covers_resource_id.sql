-- A label condition looks up the resources carrying a label. With ri in the index, PostgreSQL answers that from the
-- index alone (an index-only scan) instead of visiting one heap page per labelled resource; H2 reads ri from the
-- index instead of from the row.
DROP INDEX resource_label_value;
CREATE INDEX resource_label_value ON resource_label (lbl, ri);
