package vn.dancham.db;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells the database being away or busy from a failure that would recur however often the work is tried again. The
 * background writers (the rating inbox's, the harassment reports' incident opener) retry the first as it is and set
 * aside only the work that fails for the second reason, so one bad row never blocks the rows after it and an outage
 * never sets anything aside.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * The database away or busy (connection lost or refused, server shutting down, out of resources, a lock
     * conflict or serialization failure that outlived its retries): try again later, set nothing aside.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isTransient(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08 connection, 53 insufficient resources, 57 operator intervention (shutdown), 40 rollback
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.startsWith("40")) {
                    return true;
                }
            }
        }
        return false;
    }
}
