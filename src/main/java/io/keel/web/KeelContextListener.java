package io.keel.web;

import io.keel.binding.http.HttpSender;
import io.keel.core.Cse;
import io.keel.core.Settings;
import io.keel.ops.KeelMetrics;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Starts the CSE and its metrics when the web application starts, and stops them, releasing the database, when it
 * stops.
 */
public class KeelContextListener implements ServletContextListener {
    private static final String ATTRIBUTE = Cse.class.getName();
    private static final String METRICS = KeelMetrics.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Settings settings = new Settings(context::getInitParameter);
        HttpSender sender = new HttpSender(settings.getLong("keel.notification.timeout", 5_000),
                settings.getInt("keel.http.client.max-connections", 8), settings.get("keel.http.proxy", null));
        KeelMetrics metrics = new KeelMetrics();
        Cse cse;
        try {
            cse = Cse.start(settings, io.keel.persistence.Database.open(settings), sender, metrics);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        metrics.bind(cse);
        context.setAttribute(METRICS, metrics);
        context.setAttribute(ATTRIBUTE, cse);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object cse = event.getServletContext().getAttribute(ATTRIBUTE);
        if (cse instanceof Cse c) {
            c.close();
        }
        if (event.getServletContext().getAttribute(METRICS) instanceof KeelMetrics m) {
            m.close();
        }
    }

    public static Cse cse(ServletContext context) {
        Cse cse = (Cse) context.getAttribute(ATTRIBUTE);
        if (cse == null) {
            throw new IllegalStateException("the CSE did not start; see the log");
        }
        return cse;
    }

    public static KeelMetrics metrics(ServletContext context) {
        cse(context); // no metrics without a CSE: the same failure
        return (KeelMetrics) context.getAttribute(METRICS);
    }
}
