package dev.destsdk.examples.benchmark.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NullWordStreamTest {

    private static String rewrite(String csv, int readSize) throws IOException {
        try (InputStream in = new NullWordStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            StringBuilder sb = new StringBuilder();
            byte[] b = new byte[readSize];
            for (int n = in.read(b); n >= 0; n = in.read(b)) {
                sb.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
            }
            return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesNullForUnquotedEmptyFieldsOnly() throws IOException {
        String csv = "id,a,b\n1,,\"\"\n,\"x,\"\"y\"\"\",\"\n,\"\n3,café,\n";

        assertThat(rewrite(csv, 8192))
                .isEqualTo("id,a,b\n1,NULL,\"\"\nNULL,\"x,\"\"y\"\"\",\"\n,\"\n3,café,NULL\n");
        assertThat(rewrite(csv, 1)).isEqualTo(rewrite(csv, 8192));
    }

    @Test
    void keepsStateAcrossBufferBoundaries() throws IOException {
        StringBuilder csv = new StringBuilder("id,note\n");
        StringBuilder expected = new StringBuilder("id,note\n");
        for (int i = 0; i < 50_000; i++) {
            String note = i % 3 == 0 ? "" : i % 3 == 1 ? "\"\"" : "\"a,\"\"b\n\"";
            csv.append(i).append(',').append(note).append('\n');
            expected.append(i).append(',').append(note.isEmpty() ? "NULL" : note).append('\n');
        }

        assertThat(rewrite(csv.toString(), 4096)).isEqualTo(expected.toString());
    }
}
