-- The structured name of the resource a semanticDescriptor describes (its parent; names never change) on each triple
-- of its graph, NULL where described is. A semanticsFilter pattern with a constant predicate and object that many
-- descriptors match is then walked in that order from (p_key, o_key, described_srn) — with described and graph, so
-- that the walk reads the index alone — and a discovery stops at its limit having read about as many triples as it
-- returns, not every candidate in between (ResourceQuery#walked).
ALTER TABLE semantic_triple ADD COLUMN described_srn VARCHAR(4000) ${binary_collation};
UPDATE semantic_triple SET described_srn = (SELECT r.srn FROM resource r WHERE r.ri = semantic_triple.described)
WHERE described IS NOT NULL;
CREATE INDEX semantic_triple_walk ON semantic_triple (p_key, o_key, described_srn, described, graph);
