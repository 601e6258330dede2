package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.CseIdentity;
import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CSE de-registration, registree side (TS-0001 10.2.2.x, TS-0004 7.4.4.2.4): the administrator's Delete of the local
 * {@code <remoteCSE>} of the registrar marks the CSEBase, which the registration then acts on.
 */
class RemoteCseDeregistrationTest {
    /** This CSE (its CSE-ID is the fixture's) as an MN-CSE registered with /id-top. */
    private static final CseIdentity MN = new CseIdentity(CoreFixture.CSE_BASE, "cse-in", "keel.example.net", 2,
            CoreFixture.ADMIN, List.of("C*"), 3600, 100, 1000, List.of("http://10.0.0.2:8080"),
            new CseIdentity.Registrar("http://10.0.0.1:8080", "id-top", "cse-top", null));
    private final CoreFixture cse = new CoreFixture(MN);

    RemoteCseDeregistrationTest() {
        Resource registrar = cse.add("id-top", CoreFixture.CSE_BASE, ResourceTypes.REMOTE_CSE, "id-top");
        registrar.attributes.put("csi", "/id-top");
        registrar.origin = CoreFixture.CSE_BASE;
        Resource registree = cse.add("id-asn", CoreFixture.CSE_BASE, ResourceTypes.REMOTE_CSE, "id-asn");
        registree.attributes.put("csi", "/id-asn");
        registree.origin = "/id-asn";
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private List<String> labelsOfCseBase() {
        return cse.tree.stored(CoreFixture.CSE_BASE).lbl;
    }

    @Test
    void ts0004_7_4_4_2_4_theAdministratorDeletingTheRegistrarsRemoteCseMarksThisCseDeregistered() {
        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/id-top", CoreFixture.ADMIN)));

        assertNull(cse.tree.find("id-top"));
        assertEquals(List.of("keel:deregistered-from:/id-top"), labelsOfCseBase());
    }

    @Test
    void ts0004_7_4_4_2_4_deletingARegistreesRemoteCseIsNoDeregistrationOfThisCse() {
        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/id-asn", CoreFixture.ADMIN)));

        assertEquals(List.of(), labelsOfCseBase());
    }
}
