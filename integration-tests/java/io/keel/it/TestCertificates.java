package io.keel.it;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;

/**
 * A certificate authority and a server certificate it signed (for 127.0.0.1), made with the JDK's keytool for one
 * test: PEM files as Mosquitto (OpenSSL) reads them, and a PKCS12 trust store with the CA for the Java side.
 */
final class TestCertificates {
    static final String PASSWORD = "changeit";
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA named {@code name} with a server certificate for 127.0.0.1 and localhost. */
    static TestCertificates create(String name) {
        try {
            TestCertificates c = new TestCertificates(Files.createTempDirectory("certs-" + name));
            c.keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name + " test CA",
                    "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
            c.keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", "ca.p12", "-file", "ca.pem");
            c.keytool("-importcert", "-alias", "ca", "-noprompt", "-file", "ca.pem", "-keystore", "truststore.p12");
            c.keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                    "-validity", "2", "-keystore", "server.p12");
            c.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
            c.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.pem",
                    "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
            c.writeServerKey();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA's certificate (PEM). */
    Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The server's certificate signed by the CA (PEM). */
    Path serverPem() {
        return dir.resolve("server.pem");
    }

    /** The server's private key, unencrypted PKCS#8 PEM. */
    Path serverKeyPem() {
        return dir.resolve("server.key");
    }

    /** A PKCS12 store holding the CA's certificate only, password {@link #PASSWORD}. */
    Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    private void writeServerKey() throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            Key key = store.getKey("server", PASSWORD.toCharArray());
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
            Files.writeString(serverKeyPem(), "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // Mosquitto drops its privileges when started as root: its files must be readable by anyone.
        for (Path p : List.of(caPem(), serverPem(), serverKeyPem())) {
            p.toFile().setReadable(true, false);
        }
        dir.toFile().setExecutable(true, false);
    }

    private void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        ServerProcess.run(command, dir);
    }
}
