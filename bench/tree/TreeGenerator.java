import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Fills a Keel database (schema already migrated by Keel itself, CSEBase present) with a large resource tree,
 * straight through JDBC: AEs × containers × contentInstances, with labels and attribute values as Keel writes them.
 *
 * usage: java -cp h2.jar:. TreeGenerator <jdbc-url> <aes> <containers-per-ae> <instances-per-container>
 */
public final class TreeGenerator {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int aes = Integer.parseInt(args[1]);
        int containers = Integer.parseInt(args[2]);
        int instances = Integer.parseInt(args[3]);
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long et = now + 5L * 365 * 86400 * 1_000_000;
        long t = now;
        long total = 0;
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            c.setAutoCommit(false);
            PreparedStatement resource = c.prepareStatement("INSERT INTO resource (ri, pi, ty, rn, srn, ct, lt, et, st, cr, origin, cs,"
                    + " attrs, depth, cty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)");
            PreparedStatement label = c.prepareStatement("INSERT INTO resource_label (ri, lbl) VALUES (?, ?)");
            PreparedStatement value = c.prepareStatement("INSERT INTO resource_attr (ri, nm, val) VALUES (?, ?, ?)");
            for (int a = 0; a < aes; a++) {
                String ae = "Cbench" + a;
                String aeSrn = "cse-in/ae" + a;
                add(resource, ae, "id-in", 2, "ae" + a, aeSrn, t++, et, 0, ae, null,
                        "{\"api\":\"Nbench\",\"aei\":\"" + ae + "\",\"rr\":false,\"srv\":[\"3\"]}", 2, null);
                values(value, ae, "api", "Nbench", "aei", ae, "rr", "false", "srv", "3");
                for (int k = 0; k < containers; k++) {
                    String cnt = "cnt" + a + "x" + k;
                    String cntSrn = aeSrn + "/c" + k;
                    add(resource, cnt, ae, 3, "c" + k, cntSrn, t++, et, instances, ae, null,
                            "{\"lbl\":[\"room:r" + (k % 10) + "\"],\"cni\":" + instances + ",\"cbs\":" + instances * 4L + "}", 3, null);
                    label(label, cnt, "room:r" + (k % 10));
                    values(value, cnt, "cni", String.valueOf(instances), "cbs", String.valueOf(instances * 4L));
                    for (int i = 0; i < instances; i++) {
                        String cin = "cin" + a + "x" + k + "x" + i;
                        String con = String.format("%04d", i % 10000);
                        add(resource, cin, cnt, 4, String.format("i%07d", i), cntSrn + String.format("/i%07d", i), t++, et, i + 1, ae, 4L,
                                "{\"lbl\":[\"batch:" + (i % 100) + "\"],\"cnf\":\"text/plain:0\",\"con\":\"" + con + "\"}", 4, "text/plain");
                        label(label, cin, "batch:" + (i % 100));
                        values(value, cin, "cnf", "text/plain:0", "con", con);
                        if (++total % 5000 == 0) {
                            resource.executeBatch();
                            label.executeBatch();
                            value.executeBatch();
                            c.commit();
                        }
                        if (total % 100_000 == 0) {
                            System.out.println("  " + total + " contentInstances");
                        }
                    }
                }
            }
            resource.executeBatch();
            label.executeBatch();
            value.executeBatch();
            c.commit();
        }
        System.out.println("  generated " + aes + " AEs, " + aes * containers + " containers, " + total + " contentInstances");
    }

    private static void add(PreparedStatement s, String ri, String pi, int ty, String rn, String srn, long ct, long et, long st,
                            String origin, Long cs, String attrs, int depth, String cty) throws Exception {
        s.setString(1, ri);
        s.setString(2, pi);
        s.setInt(3, ty);
        s.setString(4, rn);
        s.setString(5, srn);
        s.setLong(6, ct);
        s.setLong(7, ct);
        s.setLong(8, et);
        s.setLong(9, st);
        s.setString(10, origin);
        if (cs == null) {
            s.setNull(11, java.sql.Types.BIGINT);
        } else {
            s.setLong(11, cs);
        }
        s.setString(12, attrs);
        s.setInt(13, depth);
        s.setString(14, cty);
        s.addBatch();
    }

    private static void label(PreparedStatement s, String ri, String lbl) throws Exception {
        s.setString(1, ri);
        s.setString(2, lbl);
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
