package io.keel.binding.coap;

import io.keel.binding.http.Headers;
import io.keel.binding.http.auth.CredentialStore;
import io.keel.binding.http.auth.HttpAuthentication;
import io.keel.core.Settings;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.nio.file.Path;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.auth.X509CertPath;

/**
 * Authentication of originators over CoAP. CoAP has none of its own (TS-0008 clause 7): the credential is the
 * certificate the client presented in its DTLS handshake, checked against the {@code cert} lines of
 * {@code keel.auth.credentials} as an HTTPS client certificate is (TS-0009 7.2), so that it must admit the
 * oneM2M-FR the request claims. With authentication on, a request over plain CoAP, or over DTLS without a client
 * certificate, carries no credential and is refused with 4107 — plain CoAP is not a way around it.
 */
final class CoapAuthentication {
    private static final Headers NO_HEADERS = Headers.of();
    private final HttpAuthentication credentials;

    private CoapAuthentication(HttpAuthentication credentials) {
        this.credentials = credentials;
    }

    /** The authentication of {@code keel.auth.credentials}, or null when it is off. */
    static CoapAuthentication of(Settings settings) {
        String file = settings.get("keel.auth.credentials", null);
        return file == null || file.isBlank() ? null
                : new CoapAuthentication(new HttpAuthentication(CredentialStore.load(Path.of(file)), "/" + settings.cseId()));
    }

    /**
     * Checks the request's DTLS identity before it is read further; sets {@code originatorAuthenticated} or throws the
     * oneM2M error (4107 without a known certificate, 4103 when it does not admit the oneM2M-FR).
     */
    void admit(Request request, RequestPrimitive req) {
        X509Certificate[] certificates = certificates(request.getSourceContext().getPeerIdentity());
        if (certificates == null) {
            throw new OneM2MException(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED, "authentication required: over CoAP the "
                    + "credential is a client certificate this CSE knows, presented in the DTLS handshake (coaps)");
        }
        List<Option> from = request.getOptions().getOthers(OneM2MOptions.FR);
        credentials.check(NO_HEADERS, certificates, from.isEmpty() ? null : from.get(0).getStringValue());
        req.originatorAuthenticated = true;
    }

    private static X509Certificate[] certificates(Principal identity) {
        if (identity instanceof X509CertPath path) {
            return path.getPath().getCertificates().toArray(X509Certificate[]::new);
        }
        return null;
    }
}
