package dev.destsdk.examples.postgresql;

/** The load paths against a real PostgreSQL, loading with the generic batched INSERT loader. */
class PostgresBatchedInsertLoadPathIT extends PostgresLoadPathIT {

    @Override
    String bulkLoad() {
        return "insert";
    }
}
