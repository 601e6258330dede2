package io.keel.web;

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
        context.setAttribute(ATTRIBUTE, Cse.start(new Settings(context::getInitParameter)));
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
