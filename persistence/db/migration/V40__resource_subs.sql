-- How many <subscription> children a resource has. Every request to a resource that can have subscriptions asks
-- for them (operationMonitor), and every create for those of the parent: with the count on the row the request
-- has already read, a resource without subscriptions costs no query. Kept by the store in the transaction that
-- inserts or deletes a subscription (which locks the parent), so it is exact for a locked row.
ALTER TABLE resource ADD COLUMN subs INTEGER DEFAULT 0 NOT NULL;
UPDATE resource SET subs = (SELECT COUNT(*) FROM resource s WHERE s.pi = resource.ri AND s.ty = 23)
    WHERE ri IN (SELECT pi FROM resource WHERE ty = 23);
