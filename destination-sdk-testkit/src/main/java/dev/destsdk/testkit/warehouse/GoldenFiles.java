package dev.destsdk.testkit.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares generated text with golden files under {@code src/test/resources/golden/<dialect>/}, exactly.
 *
 * <p>To regenerate after an intended change, run the module's tests with {@code -Ddestsdk.golden.update=true}, e.g.
 * {@code ./mvnw -q -o -pl examples/postgresql -am test -Dtest='*GoldenTest' -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddestsdk.golden.update=true}, then review the diff with {@code git diff} before committing. Files that are no
 * longer generated are deleted in update mode and reported as stale otherwise.
 */
public final class GoldenFiles {
    /** The system property that switches from comparing to rewriting. */
    public static final String UPDATE_PROPERTY = "destsdk.golden.update";

    private final Path directory;

    private GoldenFiles(Path directory) {
        this.directory = directory;
    }

    /**
     * @param dialect the dialect directory name, e.g. {@code postgresql}
     * @return the golden files of that dialect in the current module
     */
    public static GoldenFiles forDialect(String dialect) {
        Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        return new GoldenFiles(base.resolve("src/test/resources/golden").resolve(dialect));
    }

    /** @return whether this run rewrites golden files */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /**
     * Compares (or in update mode writes) one file.
     *
     * @param name the file name, e.g. {@code create_table.sql}
     * @param actual the generated text
     */
    public void check(String name, String actual) {
        Path file = directory.resolve(name);
        try {
            if (updating()) {
                Files.createDirectories(directory);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file %s is missing: run with -D%s=true to create it", file, UPDATE_PROPERTY)
                    .exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual).as("generated text differs from golden file %s (run with -D%s=true to regenerate)",
                    file, UPDATE_PROPERTY).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts (or in update mode ensures) that the directory holds exactly the given files.
     *
     * @param expectedNames the names generated
     */
    public void checkNoStaleFiles(Set<String> expectedNames) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            Set<String> present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            present.removeAll(expectedNames);
            if (updating()) {
                for (String stale : present) {
                    Files.delete(directory.resolve(stale));
                }
                return;
            }
            assertThat(present).as("stale golden files in %s (no longer generated)", directory).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param statements name to text
     */
    public void checkAll(Map<String, String> statements) {
        statements.forEach(this::check);
        checkNoStaleFiles(statements.keySet());
    }
}
