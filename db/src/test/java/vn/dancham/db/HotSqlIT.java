package vn.dancham.db;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hot statement stays one server-side prepared statement when a parameter is sometimes null. pgjdbc prepares a
 * statement for the types of its binds; a null bound without a type (as HotSql bound every null) does not match a
 * statement prepared for a typed value, and at a text parameter the server's inferred type (text) does not match
 * the next value's (varchar), so the statement was parsed and planned again at every change between the two, for
 * as long as the connection lived. Under load the rating inbox's single-answer insert was parsed again for 851 of
 * its 3,092 executions (the digits a caller did not give are null, those given are not), at 117 µs each
 * (bench/results/2026-12-05-statement-cpu-in-place.md). Before the fix this test fails: the statement after the
 * warm-up is not the one at its end.
 */
class HotSqlIT {

    private static final String INSERT = """
            INSERT INTO answer (call_id, office_id, question, value, given_at, digits)
            VALUES (?::bigint, ?::bigint, ?, ?::smallint, ?::timestamptz, ?)""";

    @Test
    void aStatementWhoseParametersAreSometimesNullIsPreparedOnce() throws Exception {
        Path directory = Path.of("target", "hot-sql-" + UUID.randomUUID());
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, "hot", false);
             Connection c = DriverManager.getConnection(server.jdbcUrl("hot") + "&prepareThreshold=1", server.user(),
                     "")) {
            c.createStatement().execute("""
                    CREATE TABLE answer (call_id bigint, office_id bigint, question text NOT NULL, value smallint,
                                         given_at timestamptz, digits text)""");
            var dsl = DSL.using(new SingleConnectionDataSource(c, true), SQLDialect.POSTGRES);
            OffsetDateTime at = OffsetDateTime.parse("2026-12-05T03:00:00Z");
            // A warm-up in which every parameter shows its type: pgjdbc may prepare the statement again while it
            // learns them (a value's type, or a null's at a place first prepared for a value), a few times at most.
            insertAlternating(dsl, at, 12);
            Prepared before = prepared(c);
            // From then on, every nullable parameter changes between null and a value, both ways, again and again:
            // the same server-side statement runs every time.
            insertAlternating(dsl, at, 24);
            Prepared after = prepared(c);
            assertThat(after.statements()).as("server-side statements for the insert").isEqualTo(1);
            assertThat(after.name()).as("the statement after the warm-up").isEqualTo(before.name());
            assertThat(after.executions() - before.executions()).as("its executions since").isEqualTo(24);
            Integer kept = HotSql.query(dsl, "SELECT count(*) FROM answer WHERE digits = '1234' AND office_id = 7",
                    r -> r.next() ? r.getInt(1) : -1);
            assertThat(kept).isEqualTo(18);
        }
    }

    private static void insertAlternating(org.jooq.DSLContext dsl, OffsetDateTime at, int executions) {
        for (int i = 0; i < executions; i++) {
            boolean odd = i % 2 == 1;
            HotSql.update(dsl, INSERT, odd ? null : 41L + i, odd ? 7L : null, "ATTITUDE", (short) 4,
                    i % 3 == 0 ? null : at, odd ? "1234" : null);
        }
    }

    private record Prepared(int statements, String name, int executions) {
    }

    /** The session's protocol-level statements for the insert (pgjdbc's named statements). */
    private static Prepared prepared(Connection c) throws java.sql.SQLException {
        var rs = c.createStatement().executeQuery("""
                SELECT count(*), min(name), coalesce(sum(generic_plans + custom_plans), 0)::int
                FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO answer%'""");
        rs.next();
        return new Prepared(rs.getInt(1), rs.getString(2), rs.getInt(3));
    }
}
