package dev.destsdk.testkit.runner;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** Writes rows into numbered part files of at most a given number of rows each. */
final class DataFileWriter {

    private DataFileWriter() {
    }

    /**
     * @param directory where the files go
     * @param prefix {@code success_part_} or {@code error_part_}
     * @param format the format
     * @param header the column names
     * @param rows the rows as text, null for NULL
     * @param rowsPerFile the most rows per file
     * @return the files written in part order; none when there are no rows
     */
    static List<Path> write(Path directory, String prefix, CsvFileFormat format, List<String> header,
                            Iterable<List<String>> rows, int rowsPerFile) {
        List<Path> files = new ArrayList<>();
        Iterator<List<String>> it = rows.iterator();
        while (it.hasNext()) {
            Path file = directory.resolve(String.format(Locale.ROOT, "%s%05d%s", prefix, files.size(),
                    format.fileSuffix()));
            try (CsvRecordWriter writer = CsvRecordWriter.create(file, format, header)) {
                for (int n = 0; n < rowsPerFile && it.hasNext(); n++) {
                    writer.write(it.next());
                }
            }
            files.add(file);
        }
        return List.copyOf(files);
    }
}
