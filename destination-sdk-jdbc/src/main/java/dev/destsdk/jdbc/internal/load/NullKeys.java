package dev.destsdk.jdbc.internal.load;

import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.bulk.LoadFile;
import dev.destsdk.jdbc.plan.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Explains a bulk load that a NOT NULL key column refused. Every table a load writes into declares its key columns
 * NOT NULL, so a record with a NULL key fails the bulk load itself, at no cost to loads without one; the database's
 * error, though, names a constraint (and, depending on the database, a row of its input stream). This class then
 * reads the file once more with {@link dev.destsdk.core.csv.CsvRecordReader} to find the record and reports it as bad
 * input naming the file, the record and (when the file is the original data file) the line. Only on the failure path; stateless.
 */
final class NullKeys {

    private NullKeys() {
    }

    /**
     * @param failure a bulk loader's failure for {@code file}; not null
     * @param file the file being loaded; not null
     * @param layout the table's layout; not null
     * @return a VALIDATION_ERROR naming the first record with a NULL key when the failure is about a NULL value and
     *     such a record exists (at or before the failure's record, when it names one); otherwise {@code failure}
     */
    static ConnectorException explain(ConnectorException failure, LoadFile file, TableLayout layout) {
        if (failure.getErrorType() != ErrorType.VALIDATION_ERROR || layout.keyColumns().isEmpty()
                || !failure.getMessage().toLowerCase(Locale.ROOT).contains("null")) {
            return failure;
        }
        if (failure.getContext().line().isPresent() && failure.getContext().column().isPresent()) {
            // found by the SDK's own checks as the file streamed: it names line, record and column already
            return failure;
        }
        List<Integer> keyIndexes = new ArrayList<>();
        List<String> names = layout.dataColumns().stream().map(c -> c.name()).toList();
        for (String key : layout.keyColumns()) {
            keyIndexes.add(names.indexOf(key));
        }
        OptionalLong bound = failure.getContext().record();
        try (CsvRecordReader reader = CsvRecordReader.open(file.path(), file.format(), names.size())) {
            for (Optional<CsvRow> next = reader.next(); next.isPresent(); next = reader.next()) {
                CsvRow row = next.get();
                if (bound.isPresent() && row.recordNumber() > bound.getAsLong()) {
                    break;
                }
                for (int k = 0; k < keyIndexes.size(); k++) {
                    if (row.get(keyIndexes.get(k)) == null) {
                        ConnectorException.Builder error = ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                                        "a record has a NULL primary key (" + String.join(", ", layout.keyColumns())
                                        + "); every record of " + layout.table()
                                        + " needs a key: fix the source rows or the key fields")
                                .object(layout.table().toString()).file(file.displayName())
                                .record(row.recordNumber()).column(layout.keyColumns().get(k)).cause(failure);
                        if (file.path().getFileName().toString().equals(file.displayName())) {
                            // the original data file, not a staged copy whose lines may differ
                            error.line(row.lineNumber());
                        }
                        return error.build();
                    }
                }
            }
        } catch (RuntimeException e) {
            // The file cannot be read again as its format says: keep the database's own report.
            failure.addSuppressed(e);
        }
        return failure;
    }
}
