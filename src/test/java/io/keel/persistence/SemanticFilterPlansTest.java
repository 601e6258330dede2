package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.Settings;
import io.keel.core.resource.Resource;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.DescriptorPatterns.TriplePattern;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.SemanticIndex.Quad;
import io.keel.core.store.Visibility;
import io.keel.it.FreshPostgres;
import io.keel.primitive.FilterCriteria;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A semanticsFilter in the database (TS-0004 7.3.3.18) selects the same resources, in the same order and pages, whether
 * a basic graph pattern is looked up or tested per candidate ({@link SemanticPlan}; here the discovery's limit decides,
 * as the counts below show): the resources with a visible semanticDescriptor child answering it, each once, never an
 * ontology's graph. On H2, and on PostgreSQL when {@value FreshPostgres#SERVER} names a server.
 */
class SemanticFilterPlansTest {
    private static final int CONTAINERS = 60;
    private static final String TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    private static final String IN = "<http://example.org/in>";
    private static final TriplePattern LIGHT = new TriplePattern("?d", TYPE, "<http://example.org/Light>");
    private static final TriplePattern IN_B3 = new TriplePattern("?d", IN, "<http://example.org/b3>");
    private static final TriplePattern ANYTHING = new TriplePattern("?s", "?p", "?o");
    /** A literal with quotes of both kinds: the database reads the terms as literals of its SQL. */
    private static final TriplePattern NAME = new TriplePattern("?d", "<http://example.org/name>", "\"O'Hara \\\"Lamp\\\"\"");
    /** The stores by database: H2, and PostgreSQL when {@value FreshPostgres#SERVER} names a server. */
    private static final Map<String, ResourceStore> STORES = new HashMap<>();
    private static FreshPostgres postgres;
    private static Resource cb;
    /** Per container's srn: its descriptors' devices. */
    private static final Map<String, List<Device>> DESCRIBED = new TreeMap<>();
    private static int resources;
    private static int lights;

    private record Device(boolean light, int building, boolean strangers) {
    }

    static Stream<String> databases() {
        return FreshPostgres.serverFromEnvironment() == null ? Stream.of("h2") : Stream.of("h2", "postgres");
    }

    /** The store of {@code database}, its sixty containers described the first time. */
    private static ResourceStore store(String database) throws Exception {
        ResourceStore existing = STORES.get(database);
        if (existing != null) {
            return existing;
        }
        Settings settings;
        if (database.equals("h2")) {
            settings = TempDatabase.settings("keel-semantic-plans");
        } else {
            postgres = FreshPostgres.create(FreshPostgres.serverFromEnvironment(), "semantic_plans");
            settings = new Settings(key -> key.equals("keel.db.url") ? postgres.url() : null);
        }
        ResourceStore store = Database.open(settings);
        STORES.put(database, store);
        boolean first = DESCRIBED.isEmpty();
        cb = resource("id-in", null, 5, "cse-in", "CAdmin");
        store.write(tx -> {
            tx.tree().insert(cb);
            tx.tree().insert(resource("ae", "id-in", 2, "cse-in/ae", "CAdmin"));
            resources = first ? 2 : resources;
            for (int i = 0; i < CONTAINERS; i++) {
                String srn = String.format("cse-in/ae/c%03d", i);
                tx.tree().insert(resource("cnt" + i, "ae", 3, srn, "CAdmin"));
                List<Device> devices = new ArrayList<>();
                // Every third a Light; every tenth with a second descriptor, a Light too (matched once all the same);
                // every seventh descriptor created by the stranger.
                devices.add(new Device(i % 3 == 0, i % 10, i % 7 == 0));
                if (i % 10 == 0) {
                    devices.add(new Device(true, 3, false));
                }
                for (int k = 0; k < devices.size(); k++) {
                    Device d = devices.get(k);
                    String smd = "smd" + i + "_" + k;
                    tx.tree().insert(resource(smd, "cnt" + i, 24, srn + "/d" + k, d.strangers() ? "CStranger" : "CAdmin"));
                    String device = "<urn:dev:" + i + "_" + k + ">";
                    List<Quad> quads = new ArrayList<>(List.of(
                            new Quad(smd, device, TYPE, d.light() ? "<http://example.org/Light>" : "<http://example.org/Sensor>"),
                            new Quad(smd, device, IN, "<http://example.org/b" + d.building() + ">")));
                    if (i == 5) {
                        quads.add(new Quad(smd, device, NAME.p(), NAME.o()));
                    }
                    tx.semantics().replace(smd, "cnt" + i, quads);
                    lights += first && d.light() ? 1 : 0;
                }
                if (first) {
                    DESCRIBED.put(srn, devices);
                    resources += 1 + devices.size();
                }
            }
            // An ontology's graph (describing nothing) declaring a Light under the AE: it makes nothing match.
            tx.tree().insert(resource("ont", "ae", 35, "cse-in/ae/ont", "CAdmin"));
            tx.semantics().replace("ont", List.of(new Quad("ont", "<http://example.org/x>", TYPE, "<http://example.org/Light>")));
            resources += first ? 1 : 0;
            return null;
        });
        return store;
    }

    @AfterAll
    static void close() {
        STORES.values().forEach(ResourceStore::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Resource resource(String ri, String pi, int ty, String srn, String origin) {
        Resource r = StoredResource.of(ri, pi, ty, srn);
        r.origin = origin;
        return r;
    }

    private static List<String> found(ResourceStore store, List<TriplePattern> bgp, Visibility descriptors, int offset, int limit) {
        FilterCriteria fc = new FilterCriteria();
        fc.resourceTypes.add(3);
        DescriptorPatterns described = new DescriptorPatterns(List.of(bgp), 24, descriptors, 5_000);
        return store.read(tx -> tx.search().discoverDescribed(cb, fc, described, Visibility.EVERYTHING, null, offset, limit, true))
                .stream().map(r -> r.srn).toList();
    }

    private static List<String> expected(Predicate<Device> answers, int offset, int limit) {
        List<String> all = DESCRIBED.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(answers)).map(Map.Entry::getKey).toList();
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    }

    /** Whether the store's planner tests {@code bgp} per candidate when reading {@code wanted} resources. */
    private static boolean perCandidate(List<TriplePattern> bgp, long matches, long wanted) {
        return SemanticPlan.of(new DescriptorPatterns(List.of(bgp), 24, Visibility.EVERYTHING, 5_000), wanted, resources,
                (tp, bound) -> Math.min(matches, bound)).perCandidate().get(0);
    }

    /** The pattern the store's planner walks {@code bgp} from when reading {@code wanted} resources (null: none). */
    private static TriplePattern walkable(List<TriplePattern> bgp, long matches, long wanted) {
        return new ResourceQuery().planning(SemanticPlan.of(new DescriptorPatterns(List.of(bgp), 24, Visibility.EVERYTHING, 5_000),
                wanted, resources, (tp, bound) -> Math.min(matches, bound)), false).walkable();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ts0004_7_3_3_18_bothPlansSelectTheSameResourcesInTheSamePages(String database) throws Exception {
        ResourceStore store = store(database);
        List<TriplePattern> light = List.of(LIGHT);
        List<TriplePattern> lightInB3 = List.of(LIGHT, IN_B3);
        List<TriplePattern> anything = List.of(ANYTHING);
        // 27 Light triples among 182 resources: per candidate for a page of 5, looked up for a page of 1000.
        assertEquals(true, perCandidate(light, lights + 1, 5));
        assertEquals(false, perCandidate(light, lights + 1, 1000));
        for (int[] page : new int[][] {{0, 2}, {0, 5}, {3, 4}, {0, 1000}, {15, 1000}}) {
            String at = " offset " + page[0] + ", limit " + page[1];
            assertEquals(expected(Device::light, page[0], page[1]), found(store, light, Visibility.EVERYTHING, page[0], page[1]), "Light" + at);
            assertEquals(expected(d -> d.light() && d.building() == 3, page[0], page[1]),
                    found(store, lightInB3, Visibility.EVERYTHING, page[0], page[1]), "Light in b3" + at);
            assertEquals(expected(d -> true, page[0], page[1]), found(store, anything, Visibility.EVERYTHING, page[0], page[1]), "anything" + at);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ts0004_7_3_3_18_aLiteralWithQuotesIsMatchedExactly(String database) throws Exception {
        ResourceStore store = store(database);
        assertEquals(List.of("cse-in/ae/c005"), found(store, List.of(NAME), Visibility.EVERYTHING, 0, 1000));
        assertEquals(List.of("cse-in/ae/c005"), found(store, List.of(NAME, new TriplePattern("?d", TYPE, "?t")), Visibility.EVERYTHING, 0, 2));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ts0004_7_3_3_18_onlyTheDescriptorsTheOriginatorMaySeeCountOnBothPlans(String database) throws Exception {
        ResourceStore store = store(database);
        Visibility strangers = new Visibility(false, "CStranger", List.of(), false, List.of(), List.of(), 1);
        for (int[] page : new int[][] {{0, 2}, {0, 1000}}) {
            assertEquals(expected(d -> d.light() && d.strangers(), page[0], page[1]), found(store, List.of(LIGHT), strangers, page[0], page[1]),
                    "offset " + page[0] + ", limit " + page[1]);
        }
    }

    @Test
    void v38NamesTheDescribedResourceOnTheTriplesStoredBeforeIt() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("keel-semantic-v38").resolve("keel");
        Migrations.on(url).target("35").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            Migrations.insertResource(c, "id-in", null, 5, "cse-in");
            Migrations.insertResource(c, "cnt", "id-in", 3, "cse-in/c");
            Migrations.insertResource(c, "smd", "cnt", 24, "cse-in/c/d");
            Migrations.insertResource(c, "ont", "id-in", 35, "cse-in/o");
            for (String graph : new String[] {"smd", "ont"}) {
                c.createStatement().executeUpdate("INSERT INTO semantic_triple (graph, s_key, p_key, o_key, s, p, o) VALUES ('"
                        + graph + "', '<urn:x>', '" + TYPE + "', '<urn:T>', '<urn:x>', '" + TYPE + "', '<urn:T>')");
            }
        }
        Migrations.on(url).load().migrate();
        Map<String, String> described = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT graph, described, described_srn FROM semantic_triple")) {
            while (rs.next()) {
                described.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
            }
        }
        // V44 names the described resource's structured name too.
        assertEquals(Map.of("smd", "cnt cse-in/c", "ont", "null null"), described);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ts0004_7_3_3_18_aBroadPatternIsWalkedFromTheIndexOfWhatItDescribes(String database) throws Exception {
        ResourceStore store = store(database);
        // A pattern with a constant predicate and object: walked (V44), for a small page and a large one alike; not a
        // pattern of variables only.
        assertEquals(IN_B3, walkable(List.of(IN_B3, LIGHT), lights + 1, 5), "the first in the plan's order");
        assertEquals(LIGHT, walkable(List.of(new TriplePattern("<urn:dev:0_0>", TYPE, "?t"), LIGHT), lights + 1, 5),
                "a pattern with a variable subject and a constant predicate and object");
        assertEquals(null, walkable(List.of(ANYTHING), resources, 5));
        assertEquals(LIGHT, walkable(List.of(LIGHT), lights + 1, 1000));
        // A container with two Light descriptors (every tenth) comes once, in name order, also across pages.
        List<String> pages = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 3) {
            pages.addAll(found(store, List.of(LIGHT), Visibility.EVERYTHING, offset, 3));
        }
        assertEquals(expected(Device::light, 0, 1000), pages);
    }
}
