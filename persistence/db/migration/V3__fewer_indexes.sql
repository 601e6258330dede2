-- Every index is rewritten on every commit that touches it; keep only those the queries need.
-- srn is unique, and a sibling name collision is an srn collision: the (pi, rn) constraint adds nothing.
ALTER TABLE resource DROP CONSTRAINT resource_sibling_name;
-- Child lists are read by subtree (srn) since discovery serves them; la/ol and quota trimming use resource_children.
DROP INDEX resource_children_any;
-- Time, creator and origin conditions always come with a subtree prefix, which resource_type_subtree serves.
DROP INDEX resource_created;
DROP INDEX resource_modified;
DROP INDEX resource_creator;
DROP INDEX resource_origin;
