package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.CseIdentity;
import io.keel.core.RemoteCses;
import io.keel.core.Settings;
import io.keel.core.resource.Resource;
import io.keel.core.routing.NextHop;
import io.keel.core.routing.Route;
import io.keel.core.store.ResourceStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The next hop of a forwarded request (TS-0004 7.3.2.6) found by the store's indexed attribute query on an H2 file
 * database: the remoteCSE by its csi, or by one of its descendantCSEs (dcse), and none for another CSE-ID.
 */
class RemoteCseLookupTest {
    @Test
    void ts0004_7_3_2_6_theRemoteCseIsFoundByCsiOrDescendantByAnAttributeQuery() throws Exception {
        Settings s = TempDatabase.settings("keel-remote-cse");
        try (ResourceStore store = Database.open(s)) {
            store.write(tx -> {
                Resource cb = new Resource();
                cb.ri = "id-in";
                cb.ty = 5;
                cb.rn = "cse-in";
                cb.srn = "cse-in";
                cb.ct = Instant.now();
                cb.lt = cb.ct;
                cb.origin = "id-in";
                tx.tree().insert(cb);
                Resource r = new Resource();
                r.ri = "id-mn";
                r.pi = "id-in";
                r.ty = 16;
                r.rn = "id-mn";
                r.srn = "cse-in/id-mn";
                r.ct = Instant.now();
                r.lt = r.ct;
                r.et = Instant.now().plusSeconds(3600);
                r.origin = "/id-mn";
                r.attributes.put("csi", "/id-mn");
                r.attributes.put("poa", List.of("http://x:1"));
                r.attributes.put("srv", List.of("3"));
                r.attributes.put("dcse", List.of("/id-asn"));
                tx.tree().insert(r);
                return null;
            });
            CseIdentity id = new CseIdentity("id-in", "cse-in", "sp", 1, "CAdmin", List.of(), 1, 1, 1, List.of());
            RemoteCses rc = new RemoteCses(id);
            NextHop a = store.read(tx -> rc.find(tx, new Route.Remote(null, "id-mn", null)));
            NextHop b = store.read(tx -> rc.find(tx, new Route.Remote(null, "id-asn", null)));
            NextHop c = store.read(tx -> rc.find(tx, new Route.Remote(null, "id-zz", null)));
            assertEquals(new NextHop("/id-mn", List.of("http://x:1"), false, false), a);
            assertEquals(a, b);
            assertEquals(null, c);
        }
    }
}
