-- The tokens this CSE verified and cached (TS-0003 7.3.2.2 step 4.1.1.3, 7.3.2.3 steps 7.1.5, 7.2): each under the
-- Local-Token-ID it assigned, so that later requests may name it by ltids across a restart and on every instance on
-- the database. holder is the holder this CSE keeps for it: the token's own until an authorization relationship
-- update (TS-0003 7.3.2.7) moves it to an AE's new AE-ID. relation: 0 none, 1 the decision point that issued it asked
-- for authorization signatures (das is its address), 2 the originator said the DAS keeps the relationship (auri), 3 as 1 once the AE's signatures went to it.
-- A row lives until the token's notAfter (not_after, µs since the epoch).
CREATE TABLE cached_token (
    lti       VARCHAR(64)      NOT NULL PRIMARY KEY,
    digest    VARCHAR(64)      NOT NULL,
    token     ${document_type} NOT NULL,
    token_id  VARCHAR(1024)    NOT NULL,
    holder    VARCHAR(1024)    NOT NULL,
    relation  SMALLINT         NOT NULL,
    das       VARCHAR(4000),
    not_after BIGINT           NOT NULL
);
-- A token presented again gets the Local-Token-ID it has (one per token, whichever instance assigned it).
CREATE UNIQUE INDEX cached_token_digest ON cached_token (digest);
-- A request naming a token by its tokenID finds its cached holder.
CREATE INDEX cached_token_token_id ON cached_token (token_id);
-- Expired tokens are dropped in notAfter order.
CREATE INDEX cached_token_expiry ON cached_token (not_after);
