package io.keel.it;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** m2m:timestamp as the CSE writes it: {@code YYYYMMDDThhmmss,ffffff} in UTC. */
final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss,SSSSSS");

    private Times() {
    }

    static Instant parse(String timestamp) {
        return LocalDateTime.parse(timestamp, FORMAT).toInstant(ZoneOffset.UTC);
    }

    static String format(Instant t) {
        return FORMAT.format(t.atOffset(ZoneOffset.UTC));
    }
}
