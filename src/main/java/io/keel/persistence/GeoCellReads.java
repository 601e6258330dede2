package io.keel.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that answer the reads of a {@link GeoCellScan}: for each, the first entries of its cell after its
 * name and before the end of the subtree, walked in resource_geo's (cell, srn) key. Plain JDBC: through JPA a page's
 * cell reads cost more in EclipseLink's row handling than in the database.
 * <p>
 * On H2 (embedded: a statement costs no round trip) one prepared statement runs once per read, its text always the
 * same, so H2 parses it once per connection. On PostgreSQL all reads of a refill are one statement, the reads passed
 * as arrays and joined laterally, again with one text whatever their number, so the server keeps its plan.
 */
final class GeoCellReads {
    /**
     * One read; parameters cell, after, end, size. Ordered by the whole key (cell, srn), not srn alone though the cell
     * is fixed: H2 only then walks the key and stops after {@code size} entries; ordered by srn it reads the cell's
     * every entry and sorts them (125 ms instead of a few at 10^6 points).
     */
    static final String ONE = "SELECT cell, srn, ri, min_lon, min_lat, max_lon, max_lat FROM resource_geo"
            + " WHERE cell = ? AND srn > ? AND srn < ? ORDER BY cell, srn FETCH FIRST ? ROWS ONLY";

    /** Every read at once on PostgreSQL; parameters the cells, afters and sizes as arrays, then end. */
    static final String ALL = "SELECT g.cell, g.srn, g.ri, g.min_lon, g.min_lat, g.max_lon, g.max_lat"
            + " FROM unnest(?::bigint[], ?::varchar[], ?::integer[]) AS r (cell, after, size)"
            + " CROSS JOIN LATERAL (SELECT * FROM resource_geo e WHERE e.cell = r.cell AND e.srn > r.after COLLATE \"C\""
            + " AND e.srn < ? ORDER BY e.cell, e.srn LIMIT r.size) g";

    private GeoCellReads() {
    }

    /** The entries {@code reads} ask for (in any order), none at or past {@code end}. */
    static List<GeoCellScan.Entry> read(Connection connection, boolean postgres, List<GeoCellScan.Read> reads, String end)
            throws SQLException {
        List<GeoCellScan.Entry> out = new ArrayList<>();
        if (reads.isEmpty()) {
            return out;
        }
        if (postgres) {
            try (PreparedStatement all = connection.prepareStatement(ALL)) {
                Array cells = connection.createArrayOf("bigint", reads.stream().map(GeoCellScan.Read::cell).toArray());
                Array afters = connection.createArrayOf("varchar", reads.stream().map(GeoCellScan.Read::after).toArray());
                Array sizes = connection.createArrayOf("integer", reads.stream().map(GeoCellScan.Read::size).toArray());
                all.setArray(1, cells);
                all.setArray(2, afters);
                all.setArray(3, sizes);
                all.setString(4, end);
                collect(all, out);
            }
            return out;
        }
        try (PreparedStatement one = connection.prepareStatement(ONE)) {
            for (GeoCellScan.Read read : reads) {
                one.setLong(1, read.cell());
                one.setString(2, read.after());
                one.setString(3, end);
                one.setInt(4, read.size());
                collect(one, out);
            }
        }
        return out;
    }

    private static void collect(PreparedStatement statement, List<GeoCellScan.Entry> out) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                out.add(new GeoCellScan.Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7)));
            }
        }
    }
}
