package dev.destsdk.examples.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.jdbc.dialect.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server behaviour {@link PostgresDialect#upsertRefusesRepeatedKeys()} promises, on which a MERGE load relies
 * when it runs the upsert before checking its batch for repeated keys: the upsert through the unique key index
 * fails as a whole on a key the staging table holds twice, with the failure {@link
 * PostgresDialect#isRepeatedKeyInUpsert} recognizes, and changes nothing; without a repeated key it updates and
 * inserts, counted apart.
 */
class PostgresUpsertRefusalIT {
    private static final String SCHEMA = "destsdk_it_upsert_refusal";
    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static final TableName TARGET = new TableName(Optional.empty(), Optional.of(SCHEMA), "target");
    private static final TableName STAGING = new TableName(Optional.empty(), Optional.of(SCHEMA), "staging");
    private static Connection connection;

    @BeforeAll
    static void connect() throws SQLException {
        connection = PostgresDestinationIT.DATABASE.connectOrSkip();
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE " + SCHEMA + ".target (id bigint NOT NULL, name text)",
                "CREATE UNIQUE INDEX target_key ON " + SCHEMA + ".target (id)",
                "INSERT INTO " + SCHEMA + ".target VALUES (1, 'a'), (2, 'b')",
                "CREATE UNLOGGED TABLE " + SCHEMA + ".staging (id bigint NOT NULL, name text)");
    }

    @AfterAll
    static void close() throws SQLException {
        if (connection != null) {
            execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            connection.close();
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String upsert() {
        return DIALECT.upsertFromStaging(TARGET, STAGING, List.of("id"), List.of("name"), List.of("id", "name"),
                Optional.empty(), true).orElseThrow();
    }

    private static List<String> target() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name FROM " + SCHEMA + ".target ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "=" + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void aKeyTwiceInTheStagingTableFailsTheUpsertAsAWholeWithTheRecognizedState() throws SQLException {
        execute("TRUNCATE " + SCHEMA + ".staging",
                "INSERT INTO " + SCHEMA + ".staging VALUES (2, 'b1'), (3, 'c'), (2, 'b2')");
        assertThat(DIALECT.upsertRefusesRepeatedKeys()).isTrue();

        SQLException e;
        try (Statement st = connection.createStatement()) {
            e = catchThrowableOfType(SQLException.class, () -> st.executeQuery(upsert()).close());
        }

        assertThat((Throwable) e).as("the upsert must fail").isNotNull();
        assertThat(DIALECT.isRepeatedKeyInUpsert(e)).as(e.getSQLState() + " " + e.getMessage()).isTrue();
        assertThat(DIALECT.isRepeatedKeyInUpsert(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(target()).containsExactly("1=a", "2=b");
    }

    @Test
    void withoutARepeatedKeyTheUpsertUpdatesAndInsertsCountedApart() throws SQLException {
        execute("TRUNCATE " + SCHEMA + ".staging", "INSERT INTO " + SCHEMA + ".staging VALUES (1, 'a1'), (4, 'd')");

        long[] counts = new long[2];
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(upsert())) {
            rs.next();
            counts[0] = rs.getLong(1);
            counts[1] = rs.getLong(2);
        }

        assertThat(counts).containsExactly(1, 1);
        assertThat(target()).containsExactly("1=a1", "2=b", "4=d");
        execute("DELETE FROM " + SCHEMA + ".target WHERE id = 4", "UPDATE " + SCHEMA + ".target SET name = 'a'"
                + " WHERE id = 1");
    }
}
