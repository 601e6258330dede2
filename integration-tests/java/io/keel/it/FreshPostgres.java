package io.keel.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own on the PostgreSQL server that {@value #SERVER} names (a JDBC URL of any database on it that
 * the user may create databases from, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), so
 * that a test run never sees data of an earlier one. Closing drops it.
 */
public final class FreshPostgres implements AutoCloseable {
    public static final String SERVER = "KEEL_IT_POSTGRES_URL";
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private final String serverUrl;
    private final String name;
    private final String url;

    private FreshPostgres(String serverUrl, String name, String url) {
        this.serverUrl = serverUrl;
        this.name = name;
        this.url = url;
    }

    /** The server URL from the environment, or null when no PostgreSQL server is named. */
    public static String serverFromEnvironment() {
        String v = System.getenv(SERVER);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The databases this process created: two of one purpose may be created within a second. */
    private static final java.util.concurrent.atomic.AtomicInteger CREATED = new java.util.concurrent.atomic.AtomicInteger();

    /** Creates {@code keel_it_<UTC timestamp>_<pid>_<n>_<purpose>} on the server. */
    public static FreshPostgres create(String serverUrl, String purpose) {
        Matcher m = URL.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(SERVER + " is not a jdbc:postgresql:// URL: " + serverUrl);
        }
        String name = "keel_it_" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "_" + ProcessHandle.current().pid() + "_"
                + CREATED.incrementAndGet() + "_" + purpose;
        String url = m.group(1) + "/" + name + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            try {
                // Production servers usually sort by a language collation, unlike a "C" default: run on one, so that
                // an ordering that depends on the collation shows up here and not in production.
                s.execute("CREATE DATABASE " + name + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
            } catch (SQLException e) {
                // A server without ICU (or older than PostgreSQL 15): its default collation is all there is.
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + serverUrl + ": " + e.getMessage(), e);
        }
        return new FreshPostgres(serverUrl, name, url);
    }

    /** JDBC URL of the new database, with the parameters (user, password, …) of the server URL. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            // FORCE: a CSE that is still shutting down may hold connections.
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name + ": " + e.getMessage(), e);
        }
    }
}
