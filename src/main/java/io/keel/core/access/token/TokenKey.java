package io.keel.core.access.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * The one key this CSE signs its tokens with and verifies presented tokens by, from a JSON Web Key (RFC 7517) file,
 * with the one algorithm its type allows: HS256 for a symmetric key of at least 256 bits, RS256 for an RSA key of at
 * least 2048 bits (a private one to issue), ES256 for a P-256 key. Tokens of any other algorithm are discarded (TS-0003
 * 7.3.2.6.3), the unsecured "none" included.
 */
public final class TokenKey {
    private final JWSAlgorithm algorithm;
    private final String keyId;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    private TokenKey(JWSAlgorithm algorithm, String keyId, JWSSigner signer, JWSVerifier verifier) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.signer = signer;
        this.verifier = verifier;
    }

    /** @throws IllegalStateException naming the file and what is wrong with it: the CSE does not start so */
    public static TokenKey load(Path file) {
        try {
            return of(JWK.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("keel.token.signing-key: cannot read " + file + ": " + e.getMessage(), e);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw new IllegalStateException("keel.token.signing-key: " + file + " is no usable JSON Web Key: " + e.getMessage(), e);
        }
    }

    public static TokenKey of(JWK jwk) throws JOSEException {
        if (jwk instanceof OctetSequenceKey oct) {
            // MACSigner refuses keys below 256 bits.
            return new TokenKey(JWSAlgorithm.HS256, jwk.getKeyID(), new MACSigner(oct), new MACVerifier(oct));
        }
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < 2048) {
                throw new IllegalArgumentException("an RSA key needs at least 2048 bits");
            }
            return new TokenKey(JWSAlgorithm.RS256, jwk.getKeyID(), rsa.isPrivate() ? new RSASSASigner(rsa) : null,
                    new RSASSAVerifier(rsa));
        }
        if (jwk instanceof ECKey ec) {
            if (!Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException("an EC key must be on P-256");
            }
            return new TokenKey(JWSAlgorithm.ES256, jwk.getKeyID(), ec.isPrivate() ? new ECDSASigner(ec) : null,
                    new ECDSAVerifier(ec));
        }
        throw new IllegalArgumentException("key type " + jwk.getKeyType() + " is not one of oct, RSA, EC");
    }

    JWSAlgorithm algorithm() {
        return algorithm;
    }

    String keyId() {
        return keyId;
    }

    /** Null for a public key: this CSE then verifies tokens but issues none. */
    JWSSigner signer() {
        return signer;
    }

    JWSVerifier verifier() {
        return verifier;
    }
}
