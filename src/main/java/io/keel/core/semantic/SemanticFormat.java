package io.keel.core.semantic;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;

/**
 * m2m:semanticFormat (TS-0004 6.3.4.2.48): how a descriptor or an ontology is written. Keel reads and writes the RDF
 * syntaxes Jena knows (RDF/XML, Turtle, JSON-LD); the OWL-only syntaxes (functional, OWL/XML, Manchester) it does not.
 */
public enum SemanticFormat {
    IRI(1, false),
    FUNCTIONAL(2, false),
    OWL_XML(3, false),
    RDF_XML(4, true),
    TURTLE(5, true),
    MANCHESTER(6, false),
    JSON_LD(7, true);

    private final int value;
    /** Whether Jena reads it (Rdf maps it to Jena's Lang, which here would start Jena: see {@link JenaStart}). */
    private final boolean rdf;

    SemanticFormat(int value, boolean rdf) {
        this.value = value;
        this.rdf = rdf;
    }

    public int value() {
        return value;
    }

    /** An ontology's format (TS-0004 table 7.4.47.1-3): IRI means ontologyContent is the ontology's address. */
    public static SemanticFormat ofOntology(long v) {
        return v == IRI.value ? IRI : ofContent(v, "ontf");
    }

    /**
     * The format of an RDF content ({@code attribute} names it in errors): IRI is 4000 (TS-0004 7.4.34.2.1 c), an
     * OWL-only syntax 5001, a number outside the enumeration 4000.
     */
    public static SemanticFormat ofContent(long v, String attribute) {
        for (SemanticFormat f : values()) {
            if (f.value == v) {
                if (f == IRI) {
                    throw OneM2MException.badRequest(attribute + " 1 (IRI) is not a format a descriptor can be written in");
                }
                if (!f.rdf) {
                    throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, attribute + " " + v + " (" + f
                            + ") is not supported by this CSE: it reads 4 (RDF/XML), 5 (Turtle) and 7 (JSON-LD)");
                }
                return f;
            }
        }
        throw OneM2MException.badRequest(attribute + " must be an m2m:semanticFormat (1-7), not " + v);
    }
}
