package dev.destsdk.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

    private static final CsvFileFormat CSV = CsvFileFormat.DEFAULT;
    private static final CsvFileFormat CSV_GZ = CsvFileFormat.builder().gzip(true).build();

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x\n");
        return file;
    }

    private List<String> names(List<Path> files) {
        return files.stream().map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
    }

    @Test
    void partNumbersSortNumericallyNotAsText() throws IOException {
        for (String name : List.of("success_part_10.csv", "success_part_2.csv", "success_part_1.csv",
                "success_part_00003.csv", "success_part_0.csv")) {
            touch(name);
        }
        assertThat(names(DataFiles.successFiles(dir, CSV))).containsExactly("success_part_0.csv",
                "success_part_1.csv", "success_part_2.csv", "success_part_00003.csv", "success_part_10.csv");
    }

    @Test
    void namesWithoutNumberComeLastAndTiesSortByName() throws IOException {
        touch("success_part_b.csv");
        touch("success_part_a.csv");
        touch("success_part_7_z.csv");
        touch("success_part_7_a.csv");
        touch("success_part_007.csv");
        touch("success_part_99999999999999999999999.csv");
        assertThat(names(DataFiles.successFiles(dir, CSV))).containsExactly("success_part_007.csv",
                "success_part_7_a.csv", "success_part_7_z.csv", "success_part_99999999999999999999999.csv",
                "success_part_a.csv", "success_part_b.csv");
    }

    @Test
    void errorPartsAndOtherFilesAreNeverSuccessFiles() throws IOException {
        touch("success_part_1.csv");
        touch("error_part_0.csv");
        touch("error_part_1.csv");
        touch("orders_1.csv");
        touch("success_part_2.csv.tmp");
        touch("Success_part_3.csv");
        touch("x_success_part_4.csv");
        Files.createDirectories(dir.resolve("success_part_5.csv"));
        assertThat(names(DataFiles.successFiles(dir, CSV))).containsExactly("success_part_1.csv");
        assertThat(names(DataFiles.errorFiles(dir, CSV))).containsExactly("error_part_0.csv", "error_part_1.csv");
    }

    @Test
    void suffixFollowsTheFormat() throws IOException {
        touch("success_part_1.csv");
        touch("success_part_2.csv.gz");
        touch("success_part_3.jsonl");
        touch("success_part_4.jsonl.gz");
        assertThat(names(DataFiles.successFiles(dir, CSV))).containsExactly("success_part_1.csv");
        assertThat(names(DataFiles.successFiles(dir, CSV_GZ))).containsExactly("success_part_2.csv.gz");
        assertThat(names(DataFiles.successFiles(dir, JsonLinesFileFormat.DEFAULT)))
                .containsExactly("success_part_3.jsonl");
        assertThat(names(DataFiles.successFiles(dir, new JsonLinesFileFormat(JsonLinesFileFormat.DEFAULT.encoding(),
                true)))).containsExactly("success_part_4.jsonl.gz");
    }

    @Test
    void anyDepthSortedByDirectoryThenPart() throws IOException {
        touch("b/success_part_1.csv");
        touch("a/deep/er/success_part_2.csv");
        touch("a/success_part_10.csv");
        touch("a/success_part_9.csv");
        touch("success_part_3.csv");
        touch("a/deep/error_part_1.csv");
        assertThat(names(DataFiles.successFiles(dir, CSV))).containsExactly("success_part_3.csv",
                "a/success_part_9.csv", "a/success_part_10.csv", "a/deep/er/success_part_2.csv",
                "b/success_part_1.csv");
    }

    @Test
    void emptyDirectoryHasNoFiles() {
        assertThat(DataFiles.successFiles(dir, CSV)).isEmpty();
        assertThat(DataFiles.errorFiles(dir, CSV)).isEmpty();
    }

    @Test
    void symbolicLinksToFilesAndDirectoriesAreFollowed() throws IOException {
        Path outside = Files.createTempDirectory(dir, "outside");
        Files.writeString(outside.resolve("success_part_1.csv"), "x\n");
        Files.createDirectories(dir.resolve("data"));
        Files.createSymbolicLink(dir.resolve("data/linked"), outside);
        Files.createSymbolicLink(dir.resolve("data/loop"), dir.resolve("data"));
        List<Path> found = DataFiles.successFiles(dir.resolve("data"), CSV);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getFileName().toString()).isEqualTo("success_part_1.csv");
        assertThat(found.get(0).getParent().getFileName().toString()).isEqualTo("linked");
    }

    @Test
    void missingDirectoryIsAValidationErrorNamingIt() {
        Path missing = dir.resolve("missing");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> DataFiles.successFiles(missing, CSV));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getContext().file()).contains(missing.toString());
        assertThat(e.getMessage()).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void aFileInsteadOfADirectoryIsAValidationError() throws IOException {
        Path file = touch("success_part_1.csv");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> DataFiles.successFiles(file, CSV));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("not a directory");
    }

    @Test
    void partNumberIsTheDigitsAfterThePrefix() {
        assertThat(DataFiles.partNumber(Path.of("x/success_part_00042.csv"))).isEqualTo("00042");
        assertThat(DataFiles.partNumber(Path.of("error_part_7.csv.gz"))).isEqualTo("7");
        assertThat(DataFiles.partNumber(Path.of("success_part_a.csv"))).isEmpty();
        assertThat(DataFiles.partNumber(Path.of("other_1.csv"))).isEmpty();
    }
}
