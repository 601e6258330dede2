package io.keel.core.operation;

import io.keel.core.routing.Route;
import io.keel.core.semantic.Sparql;
import io.keel.core.store.Transaction;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResultContent;
import io.keel.primitive.SerializedText;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.Map;

/**
 * A semantic query with implicit scope (TS-0004 7.3.3.19.1): a Retrieve with semanticQueryIndicator true and one
 * semanticsFilter, answered with the SPARQL result over the descriptors below the target the originator may retrieve
 * and those their relatedSemantics name ({@link QueryDataBasis}) (rcn 10, semantic content): m2m:qres holding the W3C
 * SPARQL results document, XML in an XML primitive, else JSON (TS-0004 7.3.3.19).
 */
public final class SemanticQueryOperation implements OperationHandler {
    private final QueryDataBasis basis;

    /** @param dispatcher reads linked descriptors of other CSEs as any other request (forwarding it) */
    public SemanticQueryOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.basis = new QueryDataBasis(ctx, new RemoteDescriptors(dispatcher, ctx.search.semanticQuery().limits()));
    }

    @Override
    public void checkParameters(RequestPrimitive req) {
        OperationContext.resultContent(req, ResultContent.SEMANTIC_CONTENT, EnumSet.of(ResultContent.SEMANTIC_CONTENT));
        FilterCriteria fc = req.filterCriteria;
        if (fc == null || fc.semanticsFilter.size() != 1) {
            throw OneM2MException.badRequest("a semantic query (sqi true) carries exactly one semanticsFilter (smf)");
        }
        Sparql.query(fc.semanticsFilter.get(0)); // not SPARQL: 4143 before any lookup
    }

    @Override
    public Prepared prepare(Transaction tx, RequestPrimitive req, Route route) {
        QueryDataBasis.Scope scope = basis.scope(tx, req, List.of(route.resource()));
        return basis.answer(tx, req, scope, null);
    }
}
