-- The RDF triples of each <semanticDescriptor> (TS-0004 7.4.34), graph = the descriptor's ri, written in the
-- descriptor's own transaction: semantic discovery (TS-0004 7.3.3.18) evaluates SPARQL over these rows through their
-- indexes and never re-parses a descriptor. Terms are in N-Triples form; *_key is the term itself when short, else
-- '#' and its SHA-256 (no N-Triples term starts with '#'), so that every index row stays small on PostgreSQL too.
-- Rows go with their descriptor.
CREATE TABLE semantic_triple (
    graph VARCHAR(255)  NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    s_key VARCHAR(200)  NOT NULL,
    p_key VARCHAR(200)  NOT NULL,
    o_key VARCHAR(200)  NOT NULL,
    s     VARCHAR(4000) NOT NULL,
    p     VARCHAR(4000) NOT NULL,
    o     ${document_type} NOT NULL
);
CREATE INDEX semantic_triple_graph ON semantic_triple (graph);
CREATE INDEX semantic_triple_sp ON semantic_triple (s_key, p_key);
CREATE INDEX semantic_triple_po ON semantic_triple (p_key, o_key);
CREATE INDEX semantic_triple_o ON semantic_triple (o_key);
