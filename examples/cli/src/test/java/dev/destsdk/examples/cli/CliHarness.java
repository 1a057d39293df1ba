package dev.destsdk.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and captures its output and exit code; writes the test data folders. */
final class CliHarness {
    record Result(int exitCode, String out, String err) {
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DestsdkCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String METADATA = """
            [{"name": "customers", "fields": [
              {"name": "id", "canonical_type": "LONG", "primary_key": true},
              {"name": "email", "canonical_type": "STRING"},
              {"name": "balance", "canonical_type": "DECIMAL", "precision": 10, "scale": 2}]},
             {"name": "orders", "fields": [
              {"name": "id", "canonical_type": "LONG", "primary_key": true},
              {"name": "customer_id", "canonical_type": "LONG"},
              {"name": "amount", "canonical_type": "DECIMAL", "precision": 10, "scale": 2}]}]
            """;

    /** customers.csv (3 rows) at the top, orders/ (2 files, 5 rows) as a directory, and the metadata file. */
    static Path shop(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("customers.csv"), "id,email,balance\n1,ada@example.com,10.50\n"
                + "2,grace@example.com,20.00\n3,edsger@example.com,\n");
        Path orders = Files.createDirectories(data.resolve("orders"));
        Files.writeString(orders.resolve("a.csv"), "id,customer_id,amount\n11,1,5.00\n12,1,6.00\n13,2,7.00\n");
        Files.writeString(orders.resolve("b.csv"), "id,customer_id,amount\n14,3,8.00\n15,3,9.00\n");
        Files.writeString(dir.resolve("metadata.json"), METADATA);
        return data;
    }

    /** Five tables t0..t4 of n rows each, no metadata (inferred). */
    static Path many(Path dir, int tables, int rows) throws IOException {
        Path data = Files.createDirectories(dir.resolve("many"));
        for (int t = 0; t < tables; t++) {
            StringBuilder b = new StringBuilder("id,label\n");
            for (int i = 0; i < rows; i++) {
                b.append(i).append(",row ").append(i).append('\n');
            }
            Files.writeString(data.resolve("t" + t + ".csv"), b.toString());
        }
        return data;
    }

    private CliHarness() {
    }
}
