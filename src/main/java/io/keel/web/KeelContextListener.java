package io.keel.web;

import io.keel.binding.http.HttpSender;
import io.keel.core.Cse;
import io.keel.core.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Starts the CSE when the web application starts and stops it, releasing the database, when it stops. */
public class KeelContextListener implements ServletContextListener {
    private static final String ATTRIBUTE = Cse.class.getName();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Settings settings = new Settings(context::getInitParameter);
        HttpSender sender = new HttpSender(settings.getLong("keel.notification.timeout", 5_000),
                settings.getInt("keel.http.client.max-connections", 8), settings.get("keel.http.proxy", null));
        context.setAttribute(ATTRIBUTE, Cse.start(settings, sender));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object cse = event.getServletContext().getAttribute(ATTRIBUTE);
        if (cse instanceof Cse c) {
            c.close();
        }
    }

    public static Cse cse(ServletContext context) {
        Cse cse = (Cse) context.getAttribute(ATTRIBUTE);
        if (cse == null) {
            throw new IllegalStateException("the CSE did not start; see the log");
        }
        return cse;
    }
}
