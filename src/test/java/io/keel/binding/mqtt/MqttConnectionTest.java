package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

/** The one WARNING of a failed connect says what to fix. */
class MqttConnectionTest {

    @Test
    void ts0010_6_3_3_aRefusedPasswordNamesTheSettings() {
        String reason = MqttConnection.reason(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED));
        assertTrue(reason.contains("user name or password") && reason.contains("keel.mqtt.password"), reason);
    }

    @Test
    void ts0010_7_1_anUntrustedCertificateNamesTheTrustStore() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path to requested target"));
        String reason = MqttConnection.reason(new MqttException(handshake));
        assertTrue(reason.contains("not trusted") && reason.contains("keel.mqtt.tls.truststore"), reason);
    }
}
