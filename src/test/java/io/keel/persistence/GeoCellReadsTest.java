package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.FreshPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statement reading grid-cell runs ({@link GeoCellReads}): each read answers exactly the first entries of its cell
 * after its name and before the end, in name order (on H2, and on PostgreSQL when {@value FreshPostgres#SERVER} names
 * a server); and on H2 a read walks the (cell, srn) key and stops at its size instead of reading the whole cell.
 */
class GeoCellReadsTest {
    private static final long CELL_A = GeoCells.key(5, 523, 381);
    private static final long CELL_B = GeoCells.key(5, 524, 381);
    private static final int PER_CELL = 600;
    /** The PostgreSQL databases the tests created, dropped at the end. */
    private static final List<FreshPostgres> CREATED = new java.util.ArrayList<>();

    @AfterAll
    static void dropDatabases() {
        CREATED.forEach(FreshPostgres::close);
    }

    static Stream<String> databases() {
        return FreshPostgres.serverFromEnvironment() == null ? Stream.of("h2") : Stream.of("h2", "postgres");
    }

    /** A migrated database with PER_CELL entries in each of two cells (names not in insertion order), and its URL. */
    private static String database(String database) throws Exception {
        String url;
        Map<String, String> placeholders;
        if (database.equals("h2")) {
            url = "jdbc:h2:file:" + Files.createTempDirectory("keel-geo-reads").resolve("keel");
            placeholders = Database.placeholders(false);
        } else {
            FreshPostgres postgres = FreshPostgres.create(FreshPostgres.serverFromEnvironment(), "geo_reads");
            CREATED.add(postgres);
            url = postgres.url();
            placeholders = Database.placeholders(true);
        }
        Flyway.configure(GeoCellReadsTest.class.getClassLoader()).locations("classpath:db/migration").dataSource(url, "", "")
                .placeholders(placeholders).load().migrate();
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            c.setAutoCommit(false);
            PreparedStatement resource = c.prepareStatement("INSERT INTO resource (ri, pi, ty, rn, srn, ct, lt, st, origin, attrs, depth)"
                    + " VALUES (?, NULL, 3, ?, ?, 0, 0, 0, 'CAdmin', '{}', 3)");
            PreparedStatement geo = c.prepareStatement("INSERT INTO resource_geo (cell, srn, ri, min_lon, min_lat, max_lon, max_lat)"
                    + " VALUES (?, ?, ?, ?, 44, ?, 44)");
            for (int i = 0; i < 2 * PER_CELL; i++) {
                // Names past the subtree too ("cse-in0…"), and a "-" that sorts before "/" in binary order.
                String srn = (i % 50 == 0 ? "cse-in0/x" : i % 7 == 0 ? "cse-in/a-" : "cse-in/a/c") + (i * 7919 % 2000);
                resource.setString(1, "r" + i);
                resource.setString(2, "c" + i);
                resource.setString(3, srn);
                resource.addBatch();
                geo.setLong(1, i % 2 == 0 ? CELL_A : CELL_B);
                geo.setString(2, srn);
                geo.setString(3, "r" + i);
                geo.setDouble(4, i);
                geo.setDouble(5, i);
                geo.addBatch();
            }
            resource.executeBatch();
            geo.executeBatch();
            c.commit();
        }
        return url;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachReadAnswersTheFirstEntriesOfItsCellAfterItsName(String database) throws Exception {
        String url = database(database);
        Map<Long, List<String>> expected = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT cell, srn FROM resource_geo")) {
            while (rs.next()) {
                expected.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        expected.values().forEach(l -> l.sort(Comparator.naturalOrder())); // Java's order is the binary order of ASCII
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            String end = "cse-in0";
            for (String after : List.of("cse-in/", "cse-in/a-9", "cse-in/a/c1", "cse-in/a/c999")) {
                for (int size : new int[] {1, 13, 400}) {
                    List<GeoCellScan.Entry> read = GeoCellReads.read(c, database.equals("postgres"), List.of(
                            new GeoCellScan.Read(CELL_A, after, size), new GeoCellScan.Read(CELL_B, after, size),
                            new GeoCellScan.Read(GeoCells.key(9, 0, 0), after, size)), end);
                    for (long cell : List.of(CELL_A, CELL_B)) {
                        List<String> want = expected.get(cell).stream().filter(s -> s.compareTo(after) > 0 && s.compareTo(end) < 0)
                                .limit(size).toList();
                        List<String> got = read.stream().filter(e -> e.cell() == cell).map(GeoCellScan.Entry::srn).sorted().toList();
                        assertEquals(want, got, database + ": cell " + cell + " after " + after + ", " + size);
                    }
                    assertTrue(read.stream().allMatch(e -> e.cell() == CELL_A || e.cell() == CELL_B));
                }
            }
        }
    }

    @Test
    void onPostgresTheReadsScanTheKeyIndexOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FreshPostgres.serverFromEnvironment() != null, "no PostgreSQL server named");
        String url = database("postgres");
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            c.createStatement().execute("VACUUM ANALYZE resource_geo");
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + GeoCellReads.ALL)) {
                explain.setArray(1, c.createArrayOf("bigint", new Object[] {CELL_A, CELL_B}));
                explain.setArray(2, c.createArrayOf("varchar", new Object[] {"cse-in/", "cse-in/"}));
                explain.setArray(3, c.createArrayOf("integer", new Object[] {10, 10}));
                explain.setString(4, "cse-in0");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                // V42: ri and the box are in the key's index, so no row is read from the table.
                assertTrue(plan.toString().contains("Index Only Scan using resource_geo_cell_srn"), plan.toString());
            }
        }
    }

    @Test
    void onH2AReadWalksTheKeyAndStopsAtItsSize() throws Exception {
        String url = database("h2");
        try (Connection c = DriverManager.getConnection(url, "", "");
             PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + GeoCellReads.ONE)) {
            explain.setLong(1, CELL_A);
            explain.setString(2, "cse-in/");
            explain.setString(3, "cse-in0");
            explain.setInt(4, 10);
            String plan;
            try (ResultSet rs = explain.executeQuery()) {
                rs.next();
                plan = rs.getString(1);
            }
            Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
            int reads = 0;
            while (scans.find()) {
                reads++;
                // The 10 entries fetched and at most the one that ends the walk; a sort would scan all ~590 of the cell.
                assertTrue(Integer.parseInt(scans.group(1)) <= 11, plan);
            }
            assertEquals(1, reads, plan);
        }
    }
}
