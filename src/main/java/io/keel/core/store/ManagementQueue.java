package io.keel.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The management actions under way or scheduled (an action attribute of a {@code <mgmtObj>}, an {@code <execInstance>}
 * of a {@code <mgmtCmd>}, TS-0004 7.4.15.2.4, 7.4.16.2.3.2), kept in the database so that a restart, or another CSE
 * instance on the database, finds them: per target resource and action, either waiting to start at {@code due} or
 * running on the device until its deadline {@code due}. An entry goes with its target resource.
 */
public interface ManagementQueue {
    /**
     * One action.
     *
     * @param ri       the resource whose status records the action (the mgmtObj, the execInstance)
     * @param action   the short name of the action attribute ({@code ud}, {@code exe}, …)
     * @param running  handed to the device and not answered yet; false: waiting to start
     * @param due      when a waiting action starts; when a running one is given up
     * @param runsLeft the runs still to come, this one included (execNumber of a repeating mgmtCmd)
     * @param instance the CSE instance that runs it (empty while waiting)
     */
    record Entry(String ri, String action, boolean running, Instant due, long runsLeft, String instance) {
    }

    /** Records the entry, replacing the one of the same target and action. */
    void putAction(Entry entry);

    /** The entry of this target and action, or null. */
    Entry action(String ri, String action);

    /** The entries of a target. */
    List<Entry> actionsOf(String ri);

    void removeAction(String ri, String action);

    /** Entries whose time has come (waiting ones to start, running ones past their deadline), the earliest first. */
    List<Entry> dueActions(Instant now, int limit);

    /** The running entries of a CSE instance. */
    List<Entry> runningActions(String instance);
}
