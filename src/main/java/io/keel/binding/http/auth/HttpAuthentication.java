package io.keel.binding.http.auth;

import io.keel.binding.http.Headers;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * HTTP authentication of the originator (TS-0009 7.1, 7.2): the credential comes from Authorization (checked by the
 * hosting CSE), Proxy-Authorization (checked by the registrar CSE — Keel is both) or the TLS client certificate,
 * and must admit the X-M2M-Origin the request claims. No valid credential → 4107 SECURITY_ASSOCIATION_REQUIRED;
 * a credential for other originators → 4103. oneM2M tokens in Authorization (6.4.19) are not credentials here.
 */
public final class HttpAuthentication {
    private final CredentialStore store;
    private final String ownCsePrefix;

    public HttpAuthentication(CredentialStore store, String spRelativeCseId) {
        this.store = store;
        this.ownCsePrefix = spRelativeCseId + "/";
    }

    /**
     * @param originator  X-M2M-Origin, null or empty for an AE registering without one
     * @param certificates the client's certificate chain, or null
     * @return the Credential-ID of the credential that authenticated the originator: the user of Basic, the
     *         {@code sha256:<hex>} of a Bearer token or of the certificate, as the credential file names them
     */
    public String check(Headers headers, X509Certificate[] certificates, String originator) {
        List<String> admitted = null;
        String credentialId = null;
        for (String header : new String[] {"Authorization", "Proxy-Authorization"}) {
            String value = headers.first(header);
            if (value != null && admitted == null) {
                admitted = credential(value);
                credentialId = admitted == null ? null : credentialId(value);
            }
        }
        if (admitted == null && certificates != null && certificates.length > 0) {
            try {
                byte[] der = certificates[0].getEncoded();
                admitted = store.certificate(der);
                credentialId = "sha256:" + CredentialStore.sha256(der);
            } catch (CertificateEncodingException e) {
                admitted = null;
            }
        }
        if (admitted == null) {
            throw new OneM2MException(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED,
                    "authentication required: Basic or Bearer credentials, or a client certificate, that this CSE knows");
        }
        // An AE registering without an originator gets an ID assigned; the credential must admit some originator.
        String claimed = originator == null || originator.isEmpty() || originator.equals("C") || originator.equals("S")
                ? null : originator;
        if (claimed != null && !CredentialStore.admits(admitted, claimed, ownCsePrefix)) {
            // Inside the security association the credential set up, another originator is not authenticated (TS-0004 7.3.2.1).
            throw new OneM2MException(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED,
                    "the credentials given do not authenticate the originator " + claimed);
        }
        return credentialId;
    }

    /** The Credential-ID of a Basic or Bearer credential {@link #credential} admitted. */
    private static String credentialId(String value) {
        String[] parts = value.trim().split("\\s+", 2);
        if (parts[0].equalsIgnoreCase("Bearer")) {
            return "sha256:" + CredentialStore.sha256(parts[1].getBytes(StandardCharsets.UTF_8));
        }
        String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return decoded.substring(0, decoded.indexOf(':'));
    }

    /** The originators a Basic or Bearer credential admits, or null. */
    private List<String> credential(String value) {
        String[] parts = value.trim().split("\\s+", 2);
        if (parts.length != 2) {
            return null;
        }
        if (parts[0].equalsIgnoreCase("Bearer")) {
            return store.bearer(parts[1]);
        }
        if (parts[0].equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : store.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return null;
    }
}
