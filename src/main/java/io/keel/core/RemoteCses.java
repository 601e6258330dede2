package io.keel.core;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.routing.NextHop;
import io.keel.core.routing.NextHopFinder;
import io.keel.core.routing.Route;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the next hop of a request for another CSE (TS-0004 7.3.2.6): the {@code <remoteCSE>} whose {@code csi}, or one
 * of whose {@code dcse}, is the CSE-ID the To names — one indexed attribute query below the CSEBase, never a scan —
 * else, on an MN- or ASN-CSE, its registrar; else none.
 */
public final class RemoteCses implements NextHopFinder {
    private static final int IN_CSE = 1;
    private final CseIdentity cse;

    public RemoteCses(CseIdentity cse) {
        this.cse = cse;
    }

    @Override
    public NextHop find(Transaction tx, Route.Remote remote) {
        if (remote.spId() == null && remote.cseId() != null) {
            Resource match = remoteCse(tx, cse.cseBaseRi(), "/" + remote.cseId(), true);
            if (match != null) {
                return hop(match, listOf(match.get("poa")), registrarCsi().equals(match.get("csi")));
            }
        }
        if (cse.cseType() == IN_CSE || !cse.hasRegistrar()) {
            // Another service provider is reached through the IN-CSE only; Keel knows no other SP's IN-CSE (Mcc').
            return null;
        }
        Resource registrar = registrarCsi().isEmpty() ? null : remoteCse(tx, cse.cseBaseRi(), registrarCsi(), false);
        return registrar != null ? hop(registrar, List.of(cse.registrarPoa()), true)
                : new NextHop(registrarCsi().isEmpty() ? null : registrarCsi(), List.of(cse.registrarPoa()), true, false);
    }

    private String registrarCsi() {
        String id = cse.registrarCseId();
        return id == null || id.isEmpty() ? "" : "/" + id;
    }

    /**
     * The {@code <remoteCSE>} of this CSE for the CSE-ID, or (with {@code descendants}) the one that has it among its
     * descendantCSEs. A CSE-ID with a wildcard matches nothing: the To names one CSE.
     */
    private static Resource remoteCse(Transaction tx, String cseBaseRi, String csi, boolean descendants) {
        if (csi.indexOf('*') >= 0) {
            return null;
        }
        Resource base = tx.tree().find(cseBaseRi);
        if (base == null) {
            return null;
        }
        FilterCriteria fc = new FilterCriteria();
        fc.resourceTypes.add(ResourceTypes.REMOTE_CSE);
        // Conditions of one tag are ORed (TS-0004 7.3.3.17.9): its own CSE-ID or one of its descendants'.
        fc.attributes.add(new AttributeCondition("csi", csi));
        if (descendants) {
            fc.attributes.add(new AttributeCondition("dcse", csi));
        }
        List<Resource> found = tx.search().discover(base, fc, Visibility.EVERYTHING, base.depth() + 1, 0, 2);
        // A <remoteCSE> for the CSE itself wins over one that merely lists it as a descendant.
        for (Resource r : found) {
            if (csi.equals(r.get("csi"))) {
                return r;
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * A remoteCSE without {@code srv} (an attribute since Release 2a) is taken for a Release 1 CSE, one whose srv
     * lists only "1" likewise.
     */
    private static NextHop hop(Resource remote, List<String> poa, boolean registrar) {
        List<String> srv = listOf(remote.get("srv"));
        boolean release1 = srv.isEmpty() || srv.stream().allMatch("1"::equals);
        return new NextHop(String.valueOf(remote.get("csi")), poa, registrar, release1);
    }

    private static List<String> listOf(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        }
        return out;
    }
}
