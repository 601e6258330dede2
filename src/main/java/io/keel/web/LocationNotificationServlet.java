package io.keel.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.location.CallbackUrls;
import io.keel.core.location.LocationNotifications;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code POST /.well-known/keel/location/<token>}: where the Location Server of the Underlying Network (an SCEF/NEF's
 * MonitoringNotification, an OMA Terminal Location subscriptionNotification) notifies this CSE, at the URL it was given
 * for one request or subscription ({@link CallbackUrls}). The token is the credential: 204 for a notification taken, 404
 * for a token no request or subscription has, 400 for a body that is no such notification (a small JSON
 * {@code {"error": ...}}), 413 for one over {@value #MAX_BODY_BYTES} bytes. Nothing else can be written here.
 */
public class LocationNotificationServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final transient LocationNotifications notifications;

    public LocationNotificationServlet(LocationNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String token = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "a notification is at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        JsonNode notification;
        try {
            notification = JSON.readTree(body);
        } catch (IOException e) {
            notification = null;
        }
        LocationNotifications.Received r = notifications.received(token, notification);
        if (r.outcome() == LocationNotifications.Outcome.UNKNOWN) {
            error(response, HttpServletResponse.SC_NOT_FOUND, r.reason());
        } else if (r.outcome() == LocationNotifications.Outcome.MALFORMED) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, r.reason());
        } else {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("error", message)));
    }
}
