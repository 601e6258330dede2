package io.keel.core.semantic;

import org.apache.jena.sys.JenaSystem;

/**
 * Jena's initialization, run once by the first thread to get here while any other waits for its end.
 *
 * <p>Jena starts itself from the static initializers of many of its classes, and two threads starting it at once can
 * deadlock: one inside {@code JenaSystem}'s initialization needs a class whose initializer the other is running, and
 * that one waits for {@code JenaSystem} (seen with a request parsing an ontology beside the SPARQL warm-up; a thread
 * calling {@code JenaSystem.init()} itself is not enough, it returns while another thread is still initializing).
 * So Keel makes no Jena object before this class is initialized: every class of this package that touches Jena waits
 * here in its static initializer, except {@link SemanticDiscovery}, {@link SemanticQuery} and {@link Evaluation},
 * which the CSE initializes at its start (where Jena is not loaded), and {@link IndexedDescriptors} (a Jena class's
 * subclass, whose superclass is initialized first): their Jena objects come after {@link Sparql}'s (the warm-up waits
 * here itself).
 * Outside this package Jena appears only as the {@code Graph} type. The JVM's lock on this class's initialization
 * makes the start single-threaded.
 */
public final class JenaStart {
    static {
        JenaSystem.init();
    }

    private JenaStart() {
    }

    /** Returns once Jena is initialized: at once, after the first time. */
    public static void ready() {
        // the work is the class initialization above
    }
}
