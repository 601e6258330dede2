package io.keel.core.routing;

import java.util.List;

/**
 * The CSE a request for another CSE is passed to (TS-0004 7.3.2.6): a {@code <remoteCSE>} of this CSE whose CSE-ID or
 * descendantCSEs match the To, or this CSE's registrar.
 *
 * @param cseId          its SP-relative CSE-ID ({@code /id-in}), or null when only its point of access is known
 * @param pointsOfAccess where it is reached, in order of preference
 * @param registrar      whether it is this CSE's registrar (requests to it carry the registrar credentials)
 * @param release1       whether it is a Release 1 entity, which gets no X-M2M-RVI and X-M2M-VSI
 */
public record NextHop(String cseId, List<String> pointsOfAccess, boolean registrar, boolean release1) {
    public NextHop {
        pointsOfAccess = List.copyOf(pointsOfAccess);
    }
}
