package vn.dancham.ivr.journal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that is not there (stopped, unreachable, restarting, out of connections, too slow for the
 * hotline's time limits) from a database that answered "no" (a bug or bad data). Only the cause chain is read, so it works on whatever wraps the driver's
 * exception (jOOQ, Spring, HikariCP) without depending on them.
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof SocketException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08 connection exception, 57P admin shutdown / cannot connect now, 53 insufficient resources;
                // 57014 a statement cancelled by statement_timeout and 55P03 lock_timeout: the hotline's time
                // limits (dancham.ivr.database-*), a database too slow or too busy to answer a caller now
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.equals("57014") || state.equals("55P03")) {
                    return true;
                }
            }
            String name = t.getClass().getSimpleName();
            // Spring's translations when the driver's exception is not kept as the cause
            if (name.equals("CannotGetJdbcConnectionException") || name.equals("DataAccessResourceFailureException")
                    || name.equals("CannotCreateTransactionException")) {
                return true;
            }
        }
        return false;
    }
}
