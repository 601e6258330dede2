package io.keel.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.platform.database.H2Platform;

/**
 * H2 as Keel reads it: a CLOB column (a resource's attrs) comes as its string. H2 hands it out as a java.sql.Clob
 * otherwise, which EclipseLink reads through a Reader with buffers of several KB: for the 100 small documents of a
 * discovery page that cost more than the rest of the request (a geo-query over 10^6 containers, async-profiler).
 */
public class KeelH2Platform extends H2Platform {
    @Override
    public Object getObjectFromResultSet(ResultSet resultSet, int columnNumber, int type, AbstractSession session) throws SQLException {
        if (type == Types.CLOB || type == Types.NCLOB) {
            return resultSet.getString(columnNumber);
        }
        return super.getObjectFromResultSet(resultSet, columnNumber, type, session);
    }
}
