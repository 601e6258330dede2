package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache of rows on PostgreSQL with the default settings (issue 20: retrieves answered from memory, never a stale
 * permission): two {@code java -jar keel.war} on one fresh database. The first, alone, answers repeated retrieves
 * from its cache; when the second starts, the first stops before the second writes anything, so a permission
 * withdrawn through the second is refused by the first at once; when the second is gone, stopped or killed, the first
 * caches again. Skipped unless {@value FreshPostgres#SERVER} names a PostgreSQL server.
 */
class SoleInstanceIT {
    private static final String METRICS = "/.well-known/keel/metrics";
    private static final String CACHE_HITS = "keel_db_row_cache_total{outcome=\"hit\"} ";

    @Test
    void anInstanceAloneCaches_aSecondOneTurnsThatOffBeforeItWrites_andOnceItIsGoneTheFirstCachesAgain() throws Exception {
        String server = FreshPostgres.serverFromEnvironment();
        assumeTrue(server != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        try (FreshPostgres database = FreshPostgres.create(server, "sole");
                KeelProcess first = KeelProcess.start(Map.of("KEEL_DB_URL", database.url()))) {
            OneM2MClient a = new OneM2MClient(first.base());
            String owner = OneM2MClient.unique("soleOwner");
            String ae = a.registerAe("C" + owner, owner);
            String reader = a.registerAe("C" + OneM2MClient.unique("soleR"), OneM2MClient.unique("soleReader"));
            String owning = "{\"acor\":[\"" + ae + "\"],\"acop\":63}";
            Reply policy = a.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + reader + "\"],\"acop\":2},"
                    + owning + "]},\"pvs\":{\"acr\":[" + owning + "]}}}").from(ae).send();
            assertEquals(201, policy.status(), policy.text());
            String acp = policy.json().path("m2m:acp").path("ri").asText();
            Reply cnt = a.create("/" + ae, 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acp + "\"]}}").from(ae).send();
            assertEquals(201, cnt.status(), cnt.text());
            String container = "/" + cnt.json().path("m2m:cnt").path("ri").asText();

            Eventually.holds(Duration.ofSeconds(1), () -> answeredFromCache(a, container, reader),
                    "alone, the first answering retrieves from its cache");

            try (KeelProcess second = KeelProcess.start(Map.of("KEEL_DB_URL", database.url()))) {
                OneM2MClient b = new OneM2MClient(second.base());
                Reply withdrawn = b.put("/" + acp, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + owning + "]}}}").from(ae).send();
                assertEquals(200, withdrawn.status(), withdrawn.text());
                Reply refused = a.get(container).from(reader).send();
                assertEquals(4103, refused.rsc(), "the withdrawn permission is not served from the first's cache: " + refused.text());
                double hits = hits(a);
                assertEquals(200, a.get(container).from(ae).send().status());
                assertEquals(200, a.get(container).from(ae).send().status());
                assertEquals(hits, hits(a), "nothing is answered from the first's cache while the second is there");
            }
            Eventually.holds(Duration.ofSeconds(10), () -> answeredFromCache(a, container, ae),
                    "the second stopped: the first caching again");

            KeelProcess third = KeelProcess.start(Map.of("KEEL_DB_URL", database.url()));
            try {
                Reply lost = new OneM2MClient(third.base()).delete(container).from(ae).send();
                assertEquals(200, lost.status(), lost.text());
                assertEquals(4004, a.get(container).from(ae).send().rsc(), "the first does not answer with a deleted resource");
                third.kill(); // its registration lapses by itself
                Eventually.holds(Duration.ofSeconds(15), () -> answeredFromCache(a, "/" + acp, ae),
                        "the third killed: the first caching again once its row lapsed");
            } finally {
                third.close();
            }
        }
    }

    /** Whether three retrieves of {@code path} by {@code originator} took anything from the cache. */
    private static boolean answeredFromCache(OneM2MClient cse, String path, String originator) {
        double before = hits(cse);
        for (int i = 0; i < 3; i++) {
            Reply r = cse.get(path).from(originator).send();
            assertEquals(200, r.status(), r.text());
        }
        return hits(cse) > before;
    }

    private static double hits(OneM2MClient cse) {
        Reply r = cse.get(METRICS).send();
        assertEquals(200, r.status(), r.text());
        return r.text().lines().filter(l -> l.startsWith(CACHE_HITS)).findFirst()
                .map(l -> Double.parseDouble(l.substring(CACHE_HITS.length()).trim().split(" ")[0])).orElse(0.0);
    }
}
