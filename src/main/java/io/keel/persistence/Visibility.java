package io.keel.persistence;

import java.util.List;

/**
 * Which resources an originator may discover, as a database predicate: everything, or those it created and those
 * in the subtrees it owns. Access control supplies it, so discovery never counts what it may not return.
 */
public record Visibility(boolean everything, String origin, List<String> subtrees) {
    public static final Visibility EVERYTHING = new Visibility(true, null, List.of());
}
