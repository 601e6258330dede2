-- The resource a semanticDescriptor describes (its parent) on each of its triples, NULL for other graphs (ontologies,
-- announced descriptors): a semanticsFilter whose patterns match many descriptors is then tested per candidate, in
-- structured-name order, by one probe of semantic_triple_described (ResourceQuery#described), and the discovery stops
-- at its limit instead of reading every match first. A resource's parent never changes.
ALTER TABLE semantic_triple ADD COLUMN described VARCHAR(255);
UPDATE semantic_triple SET described = (SELECT d.pi FROM resource d WHERE d.ri = semantic_triple.graph AND d.ty = 24);
CREATE INDEX semantic_triple_described ON semantic_triple (described, p_key, o_key);
