package io.keel.core.semantic;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.sparql.modify.request.UpdateData;
import org.apache.jena.sparql.modify.request.UpdateDeleteWhere;
import org.apache.jena.sparql.modify.request.UpdateModify;

/**
 * SPARQL texts from requests: a semanticsFilter (a query) and a semanticOpExec (an update). Syntax errors are
 * INVALID_SPARQL_QUERY (TS-0004 7.3.3.18, 7.4.34.2.3). What would make the CSE reach out of its own data is refused:
 * SERVICE (a federated query to any address) and, in updates, anything but INSERT/DELETE on the descriptor (LOAD,
 * CLEAR, CREATE, DROP, COPY, MOVE, ADD).
 */
public final class Sparql {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    private Sparql() {
    }

    /** A semanticsFilter as a query with a pattern to match. */
    public static Query query(String text) {
        Query q;
        try {
            q = QueryFactory.create(text);
        } catch (QueryParseException e) {
            throw new OneM2MException(ResponseStatusCode.INVALID_SPARQL_QUERY, "semanticsFilter is not a valid SPARQL query: "
                    + e.getMessage());
        }
        if (q.getQueryPattern() == null) {
            throw new OneM2MException(ResponseStatusCode.INVALID_SPARQL_QUERY, "semanticsFilter has no WHERE pattern to match"
                    + " descriptors with");
        }
        refuseService(q.getQueryPattern(), "semanticsFilter");
        return q;
    }

    /** A semanticOpExec as an update of one descriptor. */
    public static UpdateRequest update(String text, String attribute) {
        UpdateRequest u;
        try {
            u = UpdateFactory.create(text);
        } catch (QueryParseException e) {
            throw new OneM2MException(ResponseStatusCode.INVALID_SPARQL_QUERY, attribute + " is not a valid SPARQL update: "
                    + e.getMessage());
        }
        for (Update op : u.getOperations()) {
            if (op instanceof UpdateModify m) {
                refuseService(m.getWherePattern(), attribute);
            } else if (!(op instanceof UpdateData) && !(op instanceof UpdateDeleteWhere)) {
                throw OneM2MException.badRequest(attribute + " may INSERT and DELETE triples of the descriptor only, not "
                        + op.getClass().getSimpleName().replace("Update", "").toUpperCase());
            }
        }
        return u;
    }

    private static void refuseService(Element pattern, String attribute) {
        AtomicBoolean service = new AtomicBoolean();
        ElementWalker.walk(pattern, new ElementVisitorBase() {
            @Override
            public void visit(ElementService el) {
                service.set(true);
            }
        });
        if (service.get()) {
            throw OneM2MException.badRequest(attribute + " uses SERVICE: this CSE evaluates SPARQL over its own descriptors only");
        }
    }
}
