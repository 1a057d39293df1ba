package dev.destsdk.core.naming;

import java.util.Set;

/** Identifier policies shaped like real destinations, for the naming tests. */
enum PolicyPresets {
    /** PostgreSQL: folds to lower case, double quotes, 63 bytes. */
    POSTGRES_LIKE(IdentifierPolicy.builder()
            .caseFolding(CaseFolding.LOWER)
            .quoteString("\"")
            .keywords(SqlKeywords.union(SqlKeywords.sql2016(), KeywordProvider.of(Set.of("limit", "analyse"))))
            .maxLength(63)
            .lengthUnit(LengthUnit.UTF8_BYTES)
            .build()),
    /** MariaDB: keeps case, compares column names case-insensitively, backticks, 64 characters. */
    MARIADB_LIKE(IdentifierPolicy.builder()
            .caseFolding(CaseFolding.NONE)
            .quoteString("`")
            .keywords(SqlKeywords.sql2016())
            .maxLength(64)
            .caseInsensitiveComparison(true)
            .build()),
    /** Snowflake: folds to upper case, only the characters an unquoted identifier may hold. */
    SNOWFLAKE_LIKE(IdentifierPolicy.builder()
            .caseFolding(CaseFolding.UPPER)
            .keywords(SqlKeywords.sql2016())
            .maxLength(255)
            .allowedCharacters("[A-Z0-9_$]")
            .build()),
    /** DuckDB: keeps case, compares case-insensitively, always quotes, letters, digits, space and underscore. */
    DUCKDB_LIKE(IdentifierPolicy.builder()
            .keywords(SqlKeywords.sql2016())
            .allowedCharacters("[\\p{L}\\p{N}_ ]")
            .alwaysQuote(true)
            .caseInsensitiveComparison(true)
            .build()),
    /** A case-sensitive file store: exact comparison, short byte limit, a restricted character set. */
    FILE_STORE_LIKE(IdentifierPolicy.builder()
            .allowedCharacters("[A-Za-z0-9_.\\-]")
            .replacement('-')
            .maxLength(40)
            .maxLength(IdentifierKind.COLUMN, 30)
            .lengthUnit(LengthUnit.UTF8_BYTES)
            .build());

    private final IdentifierPolicy policy;

    PolicyPresets(IdentifierPolicy policy) {
        this.policy = policy;
    }

    IdentifierPolicy policy() {
        return policy;
    }
}
