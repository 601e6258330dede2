-- The members of each <group> that are resources of this CSE (TS-0004 7.4.13.1: mid, cnm): the ID as mid gives it, and
-- the structured name of the resource it named when the group was created or its mid updated. Deleting a resource, or
-- a subtree, finds the groups that name something in it by the srn-prefix index, without listing the subtree.
CREATE TABLE group_member (
    grp        VARCHAR(255) NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    mid        VARCHAR(4000) NOT NULL,
    member_srn VARCHAR(4000) ${binary_collation} NOT NULL
);
CREATE INDEX group_member_group ON group_member (grp);
CREATE INDEX group_member_structured_name ON group_member (member_srn);
