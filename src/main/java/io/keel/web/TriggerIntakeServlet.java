package io.keel.web;

import io.keel.binding.http.HttpStatusMapping;
import io.keel.core.trigger.DeviceTriggers;
import io.keel.ops.BearerToken;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.ContentCodec;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /.well-known/keel/triggers/<AE-ID>}: where a network adapter (an SMS or 3GPP device-trigger gateway)
 * hands this CSE a trigger for one of its registree AEs, as a JSON body {@code {"m2m:tgp": {...}}} (TS-0004 9.2.1,
 * short names of table 8.2.6-1), or no body for a trigger without payload. Only with {@code keel.trigger.token} set,
 * and only to whoever presents it as {@code Authorization: Bearer <token>}: without the setting the intake refuses
 * everybody (403), a missing or wrong token is 401. The answer carries X-M2M-RSC: 2000 with the AE-ID, the payload as
 * notified and how many subscriptions were notified; else the oneM2M error with an m2m:dbg.
 */
public class TriggerIntakeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private final transient DeviceTriggers triggers;
    private final transient BearerToken token;

    /** @param token keel.trigger.token, or null or empty when none is set */
    public TriggerIntakeServlet(DeviceTriggers triggers, String token) {
        this.triggers = triggers;
        this.token = new BearerToken(token);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!token.configured()) {
            text(response, HttpServletResponse.SC_FORBIDDEN, "the trigger intake is off: it needs keel.trigger.token\n");
            return;
        }
        if (!token.presentedIn(request.getHeader("Authorization"))) {
            // RFC 6750 3: a missing or wrong bearer token is a 401 with the challenge that names the scheme.
            response.setHeader("WWW-Authenticate", "Bearer realm=\"keel triggers\"");
            text(response, HttpServletResponse.SC_UNAUTHORIZED, "the trigger intake needs the bearer token of keel.trigger.token\n");
            return;
        }
        try {
            String aeId = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
            DeviceTriggers.Received received = triggers.received(aeId, payload(request));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("aei", received.ae());
            body.put("m2m:tgp", received.payload());
            body.put("notified", received.notified());
            json(response, ResponseStatusCode.OK, body);
        } catch (OneM2MException e) {
            json(response, e.rsc(), Map.of("m2m:dbg", e.getMessage()));
        }
    }

    /** The m2m:tgp of the body; null for an empty body (a trigger without payload). */
    private static Object payload(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length == 0) {
            return null;
        }
        if (body.length > MAX_BODY_BYTES) {
            throw OneM2MException.badRequest("a trigger payload is at most " + MAX_BODY_BYTES + " bytes");
        }
        String type = request.getContentType() == null ? "application/json" : request.getContentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "a trigger payload is JSON (application/json)");
        }
        Map<String, Object> root = ContentCodec.decode(body, Serialization.JSON);
        if (root.size() != 1 || !root.containsKey("m2m:tgp")) {
            throw OneM2MException.badRequest("the body is {\"m2m:tgp\": {...}}, not " + root.keySet());
        }
        return root.get("m2m:tgp");
    }

    private static void json(HttpServletResponse response, ResponseStatusCode rsc, Object body) throws IOException {
        response.setStatus(HttpStatusMapping.httpStatus(rsc));
        response.setHeader("X-M2M-RSC", String.valueOf(rsc.code()));
        response.setContentType("application/json");
        response.getOutputStream().write(ContentCodec.encode(body, Serialization.JSON));
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(message);
    }
}
