import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;

/**
 * Fills a Keel database (schema already migrated by Keel itself, CSEBase present) with located containers, straight
 * through JDBC: AEs of up to 1000 containers each, every container with a point location (loc, typ 1) spread
 * uniformly over longitude 0..10 and latitude 40..50 (a fixed seed), its resource_geo entries (one per grid level,
 * see io.keel.persistence.GeoCells and V35) and its attribute values as Keel writes them.
 *
 * usage: java -cp h2.jar:. GeoGenerator <jdbc-url> <containers>
 */
public final class GeoGenerator {
    /** The finest grid level (GeoCells.FINEST). */
    private static final int FINEST = 7;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int containers = Integer.parseInt(args[1]);
        int perAe = 1000;
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long et = now + 5L * 365 * 86400 * 1_000_000;
        long t = now;
        Random random = new Random(42);
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            c.setAutoCommit(false);
            PreparedStatement resource = c.prepareStatement("INSERT INTO resource (ri, pi, ty, rn, srn, ct, lt, et, st, cr, origin, cs,"
                    + " attrs, depth, cty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, NULL, ?, ?, NULL)");
            PreparedStatement value = c.prepareStatement("INSERT INTO resource_attr (ri, nm, val) VALUES (?, ?, ?)");
            PreparedStatement geo = c.prepareStatement("INSERT INTO resource_geo (cell, srn, ri, min_lon, min_lat, max_lon, max_lat)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (int a = 0; a * perAe < containers; a++) {
                String ae = "Cgeo" + a;
                String aeSrn = "cse-in/ae" + a;
                add(resource, ae, "id-in", 2, "ae" + a, aeSrn, t++, et, ae,
                        "{\"api\":\"Ngeo\",\"aei\":\"" + ae + "\",\"rr\":false,\"srv\":[\"3\"]}", 2);
                values(value, ae, "api", "Ngeo", "aei", ae, "rr", "false", "srv", "3");
                for (int k = 0; k < perAe && a * perAe + k < containers; k++) {
                    String cnt = "cnt" + a + "x" + k;
                    double lon = random.nextDouble() * 10;
                    double lat = 40 + random.nextDouble() * 10;
                    String crd = String.format(Locale.ROOT, "[%.6f, %.6f]", lon, lat);
                    lon = Double.parseDouble(crd.substring(1, crd.indexOf(',')));
                    lat = Double.parseDouble(crd.substring(crd.indexOf(' ') + 1, crd.length() - 1));
                    add(resource, cnt, ae, 3, "c" + k, aeSrn + "/c" + k, t++, et, ae,
                            "{\"cni\":0,\"cbs\":0,\"loc\":{\"typ\":1,\"crd\":\"" + crd + "\"}}", 3);
                    values(value, cnt, "cni", "0", "cbs", "0");
                    for (int level = 1; level <= FINEST; level++) { // a point: one cell on every level
                        double side = 360.0 / (1L << (2 * level));
                        geo.setLong(1, ((long) level << 32) + ((long) Math.floor((lon + 180) / side) << 16) + (long) Math.floor((lat + 90) / side));
                        geo.setString(2, aeSrn + "/c" + k);
                        geo.setString(3, cnt);
                        geo.setDouble(4, lon);
                        geo.setDouble(5, lat);
                        geo.setDouble(6, lon);
                        geo.setDouble(7, lat);
                        geo.addBatch();
                    }
                }
                resource.executeBatch();
                value.executeBatch();
                geo.executeBatch();
                c.commit();
            }
        }
        System.out.println("  generated " + containers + " located containers");
    }

    private static void add(PreparedStatement s, String ri, String pi, int ty, String rn, String srn, long ct, long et,
                            String origin, String attrs, int depth) throws Exception {
        s.setString(1, ri);
        s.setString(2, pi);
        s.setInt(3, ty);
        s.setString(4, rn);
        s.setString(5, srn);
        s.setLong(6, ct);
        s.setLong(7, ct);
        s.setLong(8, et);
        s.setString(9, origin);
        s.setString(10, attrs);
        s.setInt(11, depth);
        s.addBatch();
    }

    private static void values(PreparedStatement s, String ri, String... nameValue) throws Exception {
        for (int i = 0; i < nameValue.length; i += 2) {
            s.setString(1, ri);
            s.setString(2, nameValue[i]);
            s.setString(3, nameValue[i + 1]);
            s.addBatch();
        }
    }
}
