package io.keel.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Key material for the TLS and DTLS tests, made with the JDK's keytool: one PKCS12 keystore per identity. */
final class TestPki {
    static final String PASSWORD = "changeit";

    /** A keystore, the certificate, and the key of one identity. */
    record Identity(Path keystore, PrivateKey key, Certificate certificate) {
        Certificate[] chain() {
            return new Certificate[] {certificate};
        }

        /** What a credential file's {@code cert} line holds for this identity. */
        String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestPki() {
    }

    /**
     * A self-signed identity for 127.0.0.1 (the subjectAltName a client checks against the address it connects to).
     *
     * @param keyAlgorithm {@code EC} or {@code RSA}
     */
    static Identity create(Path dir, String alias, String keyAlgorithm) throws Exception {
        Path file = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", keyAlgorithm, "-dname", "CN=" + alias,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-storetype", "PKCS12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return new Identity(file, (PrivateKey) ks.getKey(alias, PASSWORD.toCharArray()), ks.getCertificate(alias));
    }

    /** A truststore holding these certificates. */
    static Path trustStore(Path file, Certificate... certificates) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            ks.setCertificateEntry("trusted" + i, certificates[i]);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("keytool failed: " + out);
        }
    }
}
