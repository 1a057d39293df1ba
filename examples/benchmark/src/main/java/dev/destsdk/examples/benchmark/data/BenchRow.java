package dev.destsdk.examples.benchmark.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One generated row, in {@link BenchSchema#COLUMNS} order.
 *
 * @param id the primary key
 * @param updatedAt the cursor; later versions of a row have later values
 * @param qty an integer, absent (NULL) in about 3% of rows
 * @param amount a DECIMAL(18,4) value with scale 4
 * @param score a double with at most six decimals, so its shortest text form round-trips
 * @param active a boolean
 * @param birthDate a date between 1950 and 2010
 * @param createdAt a timestamp with one of several UTC offsets
 * @param code a nine-character code
 * @param description text that sometimes holds commas, double quotes, a line break or non-ASCII letters
 * @param ref a version-4 UUID
 * @param note absent (NULL) in about 30% of rows, the empty string in about 10%
 */
public record BenchRow(long id, LocalDateTime updatedAt, OptionalInt qty, BigDecimal amount, double score,
                       boolean active, LocalDate birthDate, OffsetDateTime createdAt, String code,
                       String description, UUID ref, Optional<String> note) {

    /** Validates the components. */
    public BenchRow {
        Objects.requireNonNull(updatedAt, "updatedAt is null");
        Objects.requireNonNull(qty, "qty is null");
        Objects.requireNonNull(amount, "amount is null");
        Objects.requireNonNull(birthDate, "birthDate is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(ref, "ref is null");
        Objects.requireNonNull(note, "note is null");
    }
}
