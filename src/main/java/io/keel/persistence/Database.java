package io.keel.persistence;

import io.keel.core.Settings;
import io.keel.core.store.ResourceStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Opens the database: a JNDI DataSource {@code jdbc/keel} when the app server offers one, else the JDBC URL of
 * the settings (embedded H2 by default). Brings the schema up to date with the versioned migrations first.
 */
public final class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** The cache of each embedded database this process opened, by its URL without settings. */
    private static final Map<String, RowCache> LOCAL_ROW_CACHES = new ConcurrentHashMap<>();
    /** Prepared statements kept per pooled connection: the ones every request runs and the common discoveries. */
    private static final int STATEMENTS_CACHED = 100;

    private Database() {
    }

    public static ResourceStore open(Settings settings) {
        return open(settings, SoleInstance.Timing.DEFAULT);
    }

    /** With the timing of this instance's registration on PostgreSQL (tests). */
    static ResourceStore open(Settings settings, SoleInstance.Timing registration) {
        DataSource ds = lookupDataSource();
        Map<String, Object> jpa = new HashMap<>();
        String product;
        String url = null;
        if (ds != null) {
            LOG.info("using the server's DataSource jdbc/keel");
            jpa.put("jakarta.persistence.nonJtaDataSource", ds);
            product = productOf(ds);
        } else {
            url = settings.dbUrl();
            if (url.startsWith("jdbc:h2:file:") && settings.get("keel.db.url", null) == null) {
                try {
                    Files.createDirectories(settings.dataDir());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
                }
            }
            String logged = url;
            LOG.info(() -> "using the database " + logged);
            jpa.put("jakarta.persistence.jdbc.url", url);
            jpa.put("jakarta.persistence.jdbc.user", settings.dbUser());
            jpa.put("jakarta.persistence.jdbc.password", settings.dbPassword());
            jpa.put("jakarta.persistence.jdbc.driver", driverOf(url));
            // EclipseLink's own pool keeps each connection's prepared statements: H2 then parses, and PostgreSQL
            // plans, a statement once per connection, not at every request (a server's DataSource has its own cache).
            jpa.put("eclipselink.jdbc.cache-statements", "true");
            jpa.put("eclipselink.jdbc.cache-statements.size", String.valueOf(STATEMENTS_CACHED));
            product = url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
        }
        boolean postgres = product.toLowerCase().contains("postgres");
        RowCaching caching = rowCache(settings, url, postgres);
        if (postgres) {
            jpa.put("eclipselink.target-database", "org.eclipse.persistence.platform.database.PostgreSQLPlatform");
        } else {
            jpa.put("eclipselink.target-database", KeelH2Platform.class.getName());
        }
        // Held open until EclipseLink has its own connections: an embedded H2 database closes with its last one.
        try (Connection held = ds != null ? ds.getConnection() : connect(url, settings)) {
            if (!Schema.current(held)) {
                migrate(ds, url, settings, postgres);
            }
            EntityManagerFactory emf = Persistence.createEntityManagerFactory("keel", jpa);
            try {
                // Every instance on PostgreSQL registers, whatever it caches: one that caches as the only instance
                // there must know of every other (SoleInstance).
                SoleInstance instance = postgres ? SoleInstance.open(emf, registration) : null;
                String cacheKey = url == null ? null : url.split(";", 2)[0];
                RowCache rows = switch (caching) {
                    case NONE -> null;
                    // Stores opened on one embedded database in one process share its cache, so each sees the other's writes.
                    case LOCAL -> LOCAL_ROW_CACHES.computeIfAbsent(cacheKey, k -> new RowCache(null));
                    case SOLE -> new RowCache(instance);
                    case SHARED -> new RowCache(SharedCommits.on(emf));
                };
                return new JpaResourceStore(emf, rows, instance, Duration.of(settings.writeGatherMicros(), ChronoUnit.MICROS));
            } catch (RuntimeException e) {
                emf.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
        }
    }

    /** Brings the schema up to date with the versioned migrations (persistence/db/migration). */
    private static void migrate(DataSource ds, String url, Settings settings, boolean postgres) {
        FluentConfiguration flyway = Flyway.configure(Database.class.getClassLoader()).locations("classpath:db/migration");
        if (ds != null) {
            flyway.dataSource(ds);
        } else {
            flyway.dataSource(url, settings.dbUser(), settings.dbPassword());
        }
        flyway.placeholders(placeholders(postgres));
        flyway.load().migrate();
    }

    private static String driverOf(String url) {
        return url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : "org.h2.Driver";
    }

    /** A connection by the driver of the URL itself (DriverManager looks for drivers in the caller's class loader). */
    private static Connection connect(String url, Settings settings) throws SQLException {
        Driver driver;
        try {
            driver = (Driver) Class.forName(driverOf(url), true, Database.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no JDBC driver for " + url, e);
        }
        Properties properties = new Properties();
        if (settings.dbUser() != null) {
            properties.setProperty("user", settings.dbUser());
        }
        if (settings.dbPassword() != null) {
            properties.setProperty("password", settings.dbPassword());
        }
        Connection c = driver.connect(url, properties);
        if (c == null) {
            throw new SQLException("the driver " + driverOf(url) + " does not take the URL " + url);
        }
        return c;
    }

    /** How the rows of a database are cached (see {@link RowCache}). */
    enum RowCaching {
        /** Not at all. */
        NONE,
        /** Checked against this process's commits only: for an embedded H2 database, which no other process opens. */
        LOCAL,
        /** Checked against this process's commits while it is the only instance on the database (PostgreSQL). */
        SOLE,
        /** Checked against every instance's commits, counted in the database (PostgreSQL). */
        SHARED
    }

    /**
     * {@code keel.db.row-cache}: {@code auto} (the default) caches for an embedded H2 database, which no other process
     * opens, and on PostgreSQL while this instance is the only one there; {@code shared} caches on PostgreSQL, checked
     * against every instance's commits (each write pays two more statements, each read transaction one, shared with
     * concurrent ones: README, Speed); {@code off}.
     */
    static RowCaching rowCache(Settings settings, String url, boolean postgres) {
        String mode = settings.get("keel.db.row-cache", "auto").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "off" -> RowCaching.NONE;
            case "auto" -> postgres ? RowCaching.SOLE
                    : url != null && (url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:mem:"))
                    && !url.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE") ? RowCaching.LOCAL : RowCaching.NONE;
            case "shared" -> {
                if (!postgres) {
                    throw new IllegalArgumentException("keel.db.row-cache=shared needs PostgreSQL (its commit counts are sequences read"
                            + " the PostgreSQL way); an embedded H2 database is cached with auto");
                }
                yield RowCaching.SHARED;
            }
            default -> throw new IllegalArgumentException("keel.db.row-cache must be auto, shared or off, not " + mode);
        };
    }

    /** What the migrations write differently on PostgreSQL and on H2. */
    static Map<String, String> placeholders(boolean postgres) {
        return Map.of("document_type", postgres ? "TEXT" : "CHARACTER LARGE OBJECT",
                "pattern_ops", postgres ? "varchar_pattern_ops" : "",
                "binary_collation", postgres ? "COLLATE \"C\"" : "",
                // resource_geo's key with what a cell read needs (V42): PostgreSQL includes it in the index of the
                // key (cell, srn); H2 has no INCLUDE, so there the key is every column.
                "geo_entry_key", postgres ? "(cell, srn) INCLUDE (ri, min_lon, min_lat, max_lon, max_lat)"
                        : "(cell, srn, ri, min_lon, min_lat, max_lon, max_lat)");
    }

    private static DataSource lookupDataSource() {
        for (String name : new String[] {"java:comp/env/jdbc/keel", "jdbc/keel"}) {
            try {
                Object o = new InitialContext().lookup(name);
                if (o instanceof DataSource ds) {
                    return ds;
                }
            } catch (NamingException | RuntimeException e) {
                // No naming service (bare Jetty) or no such resource: fall back to the JDBC URL.
            }
        }
        return null;
    }

    private static String productOf(DataSource ds) {
        try (var c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot connect to the DataSource jdbc/keel: " + e.getMessage(), e);
        }
    }
}
