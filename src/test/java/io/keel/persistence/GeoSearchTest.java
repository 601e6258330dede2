package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.filter.GeoQuery;
import io.keel.core.geo.GeoCoordinates;
import io.keel.core.geo.GeometryType;
import io.keel.core.geo.Location;
import io.keel.core.resource.Resource;
import io.keel.core.store.Candidate;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterOperation;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * Geo-queries on the database (H2): the grid cells of resource_geo find exactly the locations the exact test keeps,
 * whatever their size or place, on the merge path (fo AND) and the subquery path (fo OR); and V35 lists the
 * locations stored before it in the cells Keel itself would.
 */
class GeoSearchTest {
    /** Geometries by crd and typ: points on cell borders and corners, lines and polygons crossing them, continents. */
    private static final double FINE = GeoCells.side(GeoCells.FINEST);

    private static List<String[]> samples(Random random) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"3", "[[[-18, -35], [52, -35], [52, 37], [-18, 37], [-18, -35]]]"}); // Africa-sized
        out.add(new String[] {"3", "[[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]]"}); // everything
        out.add(new String[] {"2", "[[0, 0], [90, 45]]"});
        out.add(new String[] {"1", "[0, 0]"});
        out.add(new String[] {"1", "[-180, -90]"});
        out.add(new String[] {"1", "[180, 90]"});
        for (int i = 0; i < 250; i++) {
            int level = 1 + random.nextInt(GeoCells.FINEST);
            double side = GeoCells.side(level);
            // Near 4..6 × 44..46 so that queries there meet many; on a cell border half of the time.
            double lon = random.nextBoolean() ? 4 + side * Math.floor(random.nextDouble() * 2 / side) : 4 + 2 * random.nextDouble();
            double lat = random.nextBoolean() ? 44 + side * Math.floor(random.nextDouble() * 2 / side) : 44 + 2 * random.nextDouble();
            double d = side * random.nextDouble();
            switch (random.nextInt(3)) {
                case 0 -> out.add(new String[] {"1", pos(lon, lat)});
                case 1 -> out.add(new String[] {"2", "[" + pos(lon - d, lat) + ", " + pos(lon + d, lat + d) + "]"});
                default -> out.add(new String[] {"3", "[[" + pos(lon - d, lat - d) + ", " + pos(lon + d, lat - d) + ", "
                        + pos(lon, lat + d) + ", " + pos(lon - d, lat - d) + "]]"});
            }
        }
        return out;
    }

    private static String pos(double lon, double lat) {
        return String.format(Locale.ROOT, "[%s, %s]", Math.max(-180, Math.min(180, lon)), Math.max(-90, Math.min(90, lat)));
    }

    private static FilterCriteria fc(int gmty, String geom, int gsf, FilterOperation fo) {
        FilterCriteria fc = new FilterCriteria();
        fc.geometryType = gmty;
        fc.geometry = geom;
        fc.geoSpatialFunction = gsf;
        fc.filterOperation = fo;
        return fc;
    }

    /**
     * What candidates hand out, in pages of {@code batch} after the last name (keyset), that the exact test keeps (or
     * that the database decided: with {@code references} those are only references).
     */
    private static List<String> found(ResourceStore store, Resource root, FilterCriteria fc, int batch, boolean references) {
        GeoQuery q = GeoQuery.of(fc);
        List<String> out = new ArrayList<>();
        String after = null;
        while (true) {
            String from = after;
            List<Candidate> page = store.read(tx -> tx.search().candidates(root, fc, null, q.window(), null, Visibility.EVERYTHING,
                    null, from, batch, references));
            page.stream().filter(c -> c.located() || q.test(c.resource())).forEach(c -> out.add(c.resource().srn));
            if (page.size() < batch) {
                return out;
            }
            after = page.get(page.size() - 1).resource().srn;
        }
    }

    @Test
    void release4_aGeoQueryFindsExactlyTheLocationsMeetingItOnBothPaths() throws Exception {
        Random random = new Random(5);
        List<String[]> samples = samples(random);
        Settings s = TempDatabase.settings("keel-geo-search");
        try (ResourceStore store = Database.open(s)) {
            Resource cb = StoredResource.of("id-in", null, 5, "cse-in");
            Map<String, Resource> located = new HashMap<>();
            store.write(tx -> {
                tx.tree().insert(cb);
                tx.tree().insert(StoredResource.of("ae", "id-in", 2, "cse-in/ae"));
                for (int i = 0; i < samples.size(); i++) {
                    Resource c = StoredResource.of("cnt" + i, "ae", 3, String.format("cse-in/ae/c%03d", i));
                    String[] g = samples.get(i);
                    c.attributes.put(Location.LOC, Map.of("typ", Long.parseLong(g[0]), "crd", g[1]));
                    located.put(c.srn, c);
                    tx.tree().insert(c);
                }
                tx.tree().insert(StoredResource.of("nowhere", "ae", 3, "cse-in/ae/nowhere"));
                return null;
            });
            int matches = 0;
            List<String[]> queries = new ArrayList<>(samples(random).subList(0, 15));
            queries.add(new String[] {"3", "[[[4, 44], [5, 44], [5, 45], [4, 45], [4, 44]]]"});
            queries.add(new String[] {"3", "[[[0, 0], [10, 0], [10, 50], [0, 50], [0, 0]]]"});
            queries.add(new String[] {"1", pos(4 + FINE * 20, 44 + FINE * 30)}); // a cell corner
            for (String[] query : queries) {
                for (int gsf = 1; gsf <= 3; gsf++) {
                    FilterCriteria and = fc(Integer.parseInt(query[0]), query[1], gsf, FilterOperation.AND);
                    GeoQuery q = GeoQuery.of(and);
                    List<String> expected = located.entrySet().stream().filter(e -> q.test(e.getValue())).map(Map.Entry::getKey)
                            .sorted().toList();
                    matches += expected.size();
                    for (int batch : new int[] {7, 1000}) {
                        for (boolean references : new boolean[] {false, true}) {
                            assertEquals(expected, found(store, cb, and, batch, references), "AND, pages of " + batch
                                    + (references ? ", references" : "") + ": gsf " + gsf + " " + query[1]);
                        }
                    }
                    assertEquals(expected, found(store, cb, fc(Integer.parseInt(query[0]), query[1], gsf, FilterOperation.OR), 1000,
                            false), "OR: gsf " + gsf + " " + query[1]);
                }
            }
            assertTrue(matches > 200, "the queries meet many locations: " + matches);
        }
    }

    @Test
    void release4_v35ListsTheLocationsStoredBeforeItInTheirCells() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("keel-geo-v35").resolve("keel");
        // The schema just before V35, whichever migration that is.
        MigrationVersion v35 = MigrationVersion.fromVersion("35");
        MigrationVersion last = Arrays.stream(flyway(url).load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(v35) < 0).max(Comparator.naturalOrder()).orElseThrow();
        flyway(url).target(last).load().migrate();
        Random random = new Random(9);
        Map<String, Envelope> boxes = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            c.createStatement().executeUpdate("INSERT INTO resource (ri, pi, ty, rn, srn, ct, lt, st, origin, attrs, depth)"
                    + " VALUES ('id-in', NULL, 5, 'cse-in', 'cse-in', 0, 0, 0, 'CAdmin', '{}', 1)");
            PreparedStatement resource = c.prepareStatement("INSERT INTO resource (ri, pi, ty, rn, srn, ct, lt, st, origin, attrs, depth)"
                    + " VALUES (?, 'id-in', 3, ?, ?, 0, 0, 0, 'CAdmin', '{}', 2)");
            PreparedStatement geo = c.prepareStatement("INSERT INTO resource_geo (ri, min_lon, min_lat, max_lon, max_lat, span)"
                    + " VALUES (?, ?, ?, ?, ?, ?)");
            List<String[]> samples = samples(random);
            for (int i = 0; i < samples.size(); i++) {
                String[] g = samples.get(i);
                Envelope box = GeoCoordinates.parse("crd", GeometryType.of(Integer.parseInt(g[0])), g[1]).getEnvelopeInternal();
                String ri = "cnt" + i;
                boxes.put(ri, box);
                resource.setString(1, ri);
                resource.setString(2, "c" + i);
                resource.setString(3, "cse-in/c" + i);
                resource.executeUpdate();
                geo.setString(1, ri);
                geo.setDouble(2, box.getMinX());
                geo.setDouble(3, box.getMinY());
                geo.setDouble(4, box.getMaxX());
                geo.setDouble(5, box.getMaxY());
                geo.setDouble(6, Math.max(box.getWidth(), box.getHeight()));
                geo.executeUpdate();
            }
        }
        flyway(url).load().migrate();
        Map<String, Set<Long>> cells = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT ri, cell, srn, min_lon, max_lat FROM resource_geo")) {
            while (rs.next()) {
                String ri = rs.getString(1);
                cells.computeIfAbsent(ri, k -> new HashSet<>()).add(rs.getLong(2));
                assertEquals("cse-in/c" + ri.substring(3), rs.getString(3));
                assertEquals(boxes.get(ri).getMinX(), rs.getDouble(4));
                assertEquals(boxes.get(ri).getMaxY(), rs.getDouble(5));
            }
        }
        assertEquals(boxes.keySet(), cells.keySet());
        boxes.forEach((ri, box) -> assertEquals(GeoCells.of(box), cells.get(ri), ri + " " + box));
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure(GeoSearchTest.class.getClassLoader()).locations("classpath:db/migration").dataSource(url, "", "")
                .placeholders(Database.placeholders(false));
    }
}
