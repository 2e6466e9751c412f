package vn.dancham.db;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DataSourceConnectionProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Runs a statement whose text is a constant (written by hand, or rendered once from jOOQ's DSL when the class is
 * made) straight through JDBC on the connection jOOQ would use: the same pool, the same Spring transaction when
 * one is active, and the same cause chain on failure (the driver's {@link SQLException} inside jOOQ's
 * {@code DataAccessException}). For the statements on a hotline caller's time only: profiling under load (issue 16)
 * found about half of a call's CPU in jOOQ rendering its DSL and plain-SQL templates and binding through its
 * execute pipeline, on every call, for text that never changes. pgjdbc prepares such a statement on the server
 * once per connection and then only binds it.
 */
public final class HotSql {

    private HotSql() {
    }

    /** Reads a result set into a value; may throw the driver's exceptions. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** An INSERT, UPDATE or DELETE; returns the rows it changed. */
    public static int update(DSLContext dsl, String sql, Object... binds) {
        return withConnection(dsl, c -> {
            try (PreparedStatement ps = prepare(c, sql, binds)) {
                return ps.executeUpdate();
            }
        });
    }

    /** A statement that returns rows (a SELECT, or a DML with RETURNING). */
    public static <T> T query(DSLContext dsl, String sql, Rows<T> rows, Object... binds) {
        return withConnection(dsl, c -> {
            try (PreparedStatement ps = prepare(c, sql, binds); ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Spring Boot gives jOOQ the DataSource behind a {@link TransactionAwareDataSourceProxy}, which makes a JDK proxy
     * per connection and reflects every JDBC call through it; {@link DataSourceUtils} on its target does what the
     * proxy does (the transaction's connection when one is active, else one from the pool, released after) without
     * it. Any other set-up goes through jOOQ's own connection provider.
     */
    private static <T> T withConnection(DSLContext dsl, Work<T> work) {
        if (dsl.configuration().connectionProvider() instanceof DataSourceConnectionProvider provider
                && provider.dataSource() instanceof TransactionAwareDataSourceProxy proxy
                && proxy.getTargetDataSource() != null) {
            DataSource target = proxy.getTargetDataSource();
            Connection c = DataSourceUtils.getConnection(target);
            try {
                return work.run(c);
            } catch (SQLException e) {
                // As jOOQ would: the driver's exception (its SQL state) stays the cause.
                throw new DataAccessException(e.getMessage(), e);
            } finally {
                DataSourceUtils.releaseConnection(c, target);
            }
        }
        return dsl.connectionResult(work::run);
    }


    /**
     * A text array for a bind written {@code ?::text[]} or cast on to the column's array type
     * ({@code ?::text[]::timestamptz[]}): one bind whatever the number of rows, so the text never changes.
     */
    public static TextArray textArray(String[] values) {
        return new TextArray(values);
    }

    /** See {@link #textArray}. */
    public record TextArray(String[] values) {
    }

    /**
     * The JDBC type of each parameter's values, by statement text, as its non-null binds have shown it: a null at
     * that place is bound with the same type. pgjdbc prepares a statement on the server for its parameters' types,
     * and a null without a type does not match a statement prepared for a typed value (nor, at a text parameter,
     * a value the one prepared for the null), so each change between a null and a value parsed and planned the
     * statement again: 851 of 3,092 executions of the rating inbox's single-answer insert under load
     * (bench/results/2026-12-05-statement-cpu-in-place.md, HotSqlIT). A null at a place that has not yet had a
     * value stays untyped: pgjdbc then prepares again once, when the value comes. Few statements, a few parameters
     * each: held for the life of the process.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, int[]> NULL_TYPES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static PreparedStatement prepare(Connection c, String sql, Object[] binds) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            int[] types = NULL_TYPES.computeIfAbsent(sql, k -> newTypes(binds.length));
            for (int i = 0; i < binds.length; i++) {
                Object v = binds[i];
                if (v == null) {
                    // Typed as this place's values were; unknown (the statements cast their parameters where the
                    // type is not the column's) until a value has shown the type.
                    ps.setNull(i + 1, i < types.length ? types[i] : Types.NULL);
                } else if (v instanceof TextArray a) {
                    ps.setArray(i + 1, c.createArrayOf("text", a.values()));
                } else {
                    ps.setObject(i + 1, v);
                    if (i < types.length) {
                        types[i] = typeOf(v);
                    }
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static int[] newTypes(int n) {
        int[] types = new int[n];
        java.util.Arrays.fill(types, Types.NULL);
        return types;
    }

    /** The type pgjdbc binds a value of this class as, for the classes whose null it binds with the same type. */
    private static int typeOf(Object v) {
        return switch (v) {
            case Long l -> Types.BIGINT;
            case Integer n -> Types.INTEGER;
            case Short n -> Types.SMALLINT;
            case String t -> Types.VARCHAR;
            case Boolean b -> Types.BOOLEAN;
            case java.time.OffsetDateTime t -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.NULL;
        };
    }
}
