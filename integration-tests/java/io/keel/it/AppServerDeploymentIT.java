package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unchanged target/keel.war deployed the way users deploy it: to Payara Micro with its database taken from the
 * server's JNDI DataSource jdbc/keel, and to a standalone Jetty 12 (jetty-home, ee10-deploy). A smoke subset of the
 * binding and the operations endpoints runs over HTTP against each, and the WebSocket binding on Payara (the standalone
 * Jetty here runs without its websocket module, so the binding is off there).
 */
class AppServerDeploymentIT {
    private static final Path SERVERS = Path.of(System.getProperty("keel.app-servers", "target/app-servers"));
    private static final Path WAR = Path.of(System.getProperty("keel.war", "target/keel.war"));

    @Test
    void payaraMicroWithTheDataSourceFromJndi() throws Exception {
        Path dir = Files.createTempDirectory("keel-payara");
        Path db = dir.resolve("jndi-db");
        int port = ServerProcess.freePort();
        Files.writeString(dir.resolve("preboot.txt"),
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
        // The pool is created before the application deploys; asadmin wants the colons of the URL escaped.
        Files.writeString(dir.resolve("postboot.txt"), String.join("\n",
                "create-jdbc-connection-pool --datasourceclassname=org.h2.jdbcx.JdbcDataSource --restype=javax.sql.DataSource "
                        + "--property url=" + ("jdbc:h2:file:" + db.resolve("keel")).replace(":", "\\:") + " keel-pool",
                "create-jdbc-resource --connectionpoolid=keel-pool jdbc/keel", ""));
        List<String> cmd = List.of(ServerProcess.java(), "-jar", SERVERS.resolve("payara-micro.jar").toString(), "--deploy", WAR.toString(),
                "--contextroot", "/", "--port", String.valueOf(port), "--nohazelcast", "--disablephonehome",
                "--rootdir", dir.resolve("root").toString(),
                "--prebootcommandfile", dir.resolve("preboot.txt").toString(),
                "--postbootcommandfile", dir.resolve("postboot.txt").toString());
        try (ServerProcess payara = ServerProcess.start(cmd, Map.of(), dir, line -> line.contains("Payara Micro URLs") || line.contains("Payara Micro 6") && line.contains("ready"))) {
            smoke(new URL("http://127.0.0.1:" + port + "/"));
            webSocket(new URL("http://127.0.0.1:" + port + "/"));
            assertTrue(payara.output().stream().anyMatch(l -> l.contains("using the server's DataSource jdbc/keel")),
                    "Keel did not take jdbc/keel:\n" + String.join("\n", payara.output()));
            assertTrue(Files.exists(db.resolve("keel.mv.db")), "nothing was written to the JNDI DataSource's database");
        }
    }

    @Test
    void standaloneJetty12() throws Exception {
        Path home;
        try (var entries = Files.list(SERVERS)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("jetty-home-")).findFirst().orElseThrow();
        }
        Path base = Files.createTempDirectory("keel-jetty-base");
        int port = ServerProcess.freePort();
        ServerProcess.run(List.of(ServerProcess.java(), "-jar", home.resolve("start.jar").toString(), "jetty.base=" + base, "--add-modules=http,ee10-deploy"), base);
        Files.createDirectories(base.resolve("webapps"));
        Files.copy(WAR, base.resolve("webapps/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        List<String> cmd = List.of(ServerProcess.java(), "-Dkeel.data.dir=" + base.resolve("keel-data"), "-jar", home.resolve("start.jar").toString(),
                "jetty.base=" + base, "jetty.http.host=127.0.0.1", "jetty.http.port=" + port);
        try (ServerProcess jetty = ServerProcess.start(cmd, Map.of(), base, line -> line.contains("Started oejs.Server"))) {
            smoke(new URL("http://127.0.0.1:" + port + "/"));
        }
    }

    /**
     * TS-0020 on Tyrus, which upgrades only into endpoints registered with it: a handshake at / in oneM2M.json opens
     * a connection a retrieve of the CSEBase goes over; one offering no oneM2M subprotocol is still refused with 400.
     */
    private static void webSocket(URL base) throws Exception {
        try (WsClient ws = WsClient.open(base, "oneM2M.json")) {
            assertEquals("oneM2M.json", ws.subprotocol());
            JsonNode cb = ws.request("{\"op\":2,\"to\":\"cse-in\",\"fr\":\"CAdmin\",\"rqi\":\"payara-cb\",\"rvi\":\"3\"}");
            assertEquals(2000, cb.path("rsc").asInt(), cb.toString());
            assertEquals("cse-in", cb.path("pc").path("m2m:cb").path("rn").asText(), cb.toString());
        }
        RawHttp.Response refused = RawHttp.send(base, "GET", "/", "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: chat\r\n", null);
        assertEquals(400, refused.status(), refused.statusLine());
        assertEquals("4000", refused.headers().get("x-m2m-rsc"));
    }

    /** Create AE, container, contentInstance; retrieve; discover; a subscription's notification reaches a receiver. */
    private static void smoke(URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String ae = cse.registerAe("C" + OneM2MClient.unique("deployed"), OneM2MClient.unique("deployedAe"));
            Reply cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"data\"}}").from(ae).send();
            assertEquals(201, cnt.status(), cnt.text());
            Reply sub = cse.create("/" + ae + "/data", 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"],\"enc\":{\"net\":[3]}}}")
                    .from(ae).send();
            assertEquals(201, sub.status(), sub.text());
            assertEquals(201, cse.create("/" + ae + "/data", 4, "{\"m2m:cin\":{\"con\":\"21.5\"}}").from(ae).send().status());
            assertEquals("21.5", cse.get("/" + ae + "/data/la").from(ae).send().json().path("m2m:cin").path("con").asText());
            Reply found = cse.get("/" + ae + "?fu=1&ty=4").from(ae).send();
            assertEquals(1, found.json().path("m2m:uril").size(), found.text());
            Received n = receiver.next();
            assertEquals("21.5", n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText());
            // JSON stays Jackson's on every server: null attributes and key order as Keel writes them.
            assertTrue(cse.get("/cse-in").send().text().startsWith("{\"m2m:cb\":{\"rn\":\"cse-in\""));
            // The operations endpoints, Micrometer and all, work on every server (README "Operations").
            Reply ready = cse.get("/.well-known/keel/health/ready").send();
            assertEquals(200, ready.status(), ready.text());
            Reply metrics = cse.get("/.well-known/keel/metrics").send();
            assertEquals(200, metrics.status(), metrics.text());
            assertTrue(metrics.text().contains("keel_requests_total{binding=\"http\",operation=\"create\",rsc=\"2001\",ty=\"4\"} 1.0"), metrics.text());
            assertTrue(metrics.text().contains("keel_db_probe_seconds_count{outcome=\"up\"} 1"), metrics.text());
        }
    }
}
