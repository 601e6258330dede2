package io.keel.core.schedule;

/** An m2m:scheduleEntry that does not follow TS-0004 table 7.4.9.1-4; the message names the entry and the field. */
public final class InvalidScheduleEntry extends IllegalArgumentException {
    public InvalidScheduleEntry(String entry, String problem) {
        super("schedule entry \"" + entry + "\" " + problem);
    }
}
