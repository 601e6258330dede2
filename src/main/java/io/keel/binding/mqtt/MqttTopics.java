package io.keel.binding.mqtt;

import io.keel.primitive.Serialization;
import java.util.Locale;

/**
 * The topic names of TS-0010 6.4.2–6.4.4 and 6.5.4: {@code /oneM2M/req/<originator>/<receiver>/<type>}, its
 * {@code resp} answer, and {@code reg_req}/{@code reg_resp} for an initial registration whose originator is a
 * Credential-ID. IDs become one topic level each: leading slashes dropped, other slashes {@code :} (an absolute
 * ID's {@code //} becomes a leading {@code :}).
 */
public final class MqttTopics {
    public static final String ROOT = "/oneM2M/";

    private MqttTopics() {
    }

    /** What a message's topic says: request or answer, who sent it to whom, how its payload is serialized. */
    public enum Kind {
        REQ("req"), REG_REQ("reg_req"), RESP("resp"), REG_RESP("reg_resp");

        final String level;

        Kind(String level) {
            this.level = level;
        }

        /** The topic the answer to a request of this kind goes to (6.4.3, 6.4.4). */
        Kind answer() {
            return this == REG_REQ ? REG_RESP : RESP;
        }
    }

    /** @param serialization from the topic's last level; null when it names none that oneM2M knows */
    public record Topic(Kind kind, String originator, String receiver, Serialization serialization) {
    }

    /**
     * An ID as a topic level (6.4.2): {@code /id-mn/Cae} → {@code id-mn:Cae}, {@code //sp/id-in} → {@code :sp:id-in}.
     */
    public static String level(String id) {
        if (id.startsWith("//")) {
            return ":" + id.substring(2).replace('/', ':');
        }
        int start = 0;
        while (start < id.length() && id.charAt(start) == '/') {
            start++;
        }
        return id.substring(start).replace('/', ':');
    }

    public static String topic(Kind kind, String originatorLevel, String receiverLevel, Serialization s) {
        return ROOT + kind.level + "/" + originatorLevel + "/" + receiverLevel + "/" + s.token();
    }

    /** The filter a receiver subscribes with (6.5.4): every originator, every serialization. */
    public static String requestFilter(Kind kind, String receiverLevel) {
        return ROOT + kind.level + "/+/" + receiverLevel + "/#";
    }

    /** The filter an originator subscribes with to see the answers to its requests (6.5.4). */
    public static String responseFilter(String originatorLevel) {
        return ROOT + Kind.RESP.level + "/" + originatorLevel + "/#";
    }

    /**
     * A oneM2M topic, or null when the topic is none of them (another application's topic on the same broker,
     * a path prefix of a point of access is removed before).
     */
    public static Topic parse(String topic) {
        if (!topic.startsWith(ROOT)) {
            return null;
        }
        String[] levels = topic.substring(ROOT.length()).split("/", -1);
        if (levels.length != 4 || levels[1].isEmpty() || levels[2].isEmpty()) {
            return null;
        }
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.level.equals(levels[0])) {
                kind = k;
            }
        }
        return kind == null ? null : new Topic(kind, levels[1], levels[2], serialization(levels[3]));
    }

    private static Serialization serialization(String type) {
        for (Serialization s : Serialization.values()) {
            if (s.token().equals(type.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
