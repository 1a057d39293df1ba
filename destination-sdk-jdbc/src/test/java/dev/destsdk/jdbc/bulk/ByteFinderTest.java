package dev.destsdk.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteFinderTest {

    /** The tables the pass-through builds: outside quotes (with and without checks), inside quotes. */
    private static List<byte[]> tables() {
        return List.of(
                table(false, ',', '"', '\n', '\r'),
                table(true, ',', '"', '\n', '\r'),
                table(true, '\t', '\'', '\n', '\r'),
                table(false, '"', '\n', '\r'),
                table(true, '"', '\n', '\r'),
                table(false, '"'),
                table(false, '|'),
                // not SWAR-able: five ASCII bytes, and high bytes without NUL; looked up byte by byte
                table(false, ',', '"', '\n', '\r', ';'),
                partialHigh());
    }

    private static byte[] table(boolean nulAndHigh, char... wanted) {
        byte[] t = new byte[256];
        for (char c : wanted) {
            t[c] = 1;
        }
        if (nulAndHigh) {
            t[0] = 1;
            for (int b = 0x80; b < 0x100; b++) {
                t[b] = 1;
            }
        }
        return t;
    }

    private static byte[] partialHigh() {
        byte[] t = table(false, ',');
        t[0xC3] = 1;
        return t;
    }

    private static int naive(byte[] table, byte[] b, int from, int end) {
        int i = from;
        while (i < end && table[b[i] & 0xff] == 0) {
            i++;
        }
        return i;
    }

    /** A wanted byte at every position of every length up to 3 words, from every start: the first one is found. */
    @Test
    void findsAWantedByteAtEveryOffsetFromEveryStart() {
        for (byte[] table : tables()) {
            ByteFinder finder = ByteFinder.of(table);
            for (int b = 0; b < 256; b++) {
                for (int length = 0; length <= 24; length++) {
                    for (int at = 0; at < length; at++) {
                        byte[] bytes = new byte[length];
                        Arrays.fill(bytes, (byte) 'a');
                        bytes[at] = (byte) b;
                        for (int from = 0; from <= Math.min(length, 9); from++) {
                            assertThat(finder.next(bytes, from, length))
                                    .as("byte %d at %d of %d from %d", b, at, length, from)
                                    .isEqualTo(naive(table, bytes, from, length));
                        }
                    }
                }
            }
        }
    }

    /** Two wanted bytes in one word (the lower one first, whatever their kinds) and an end before the array's. */
    @Test
    void findsTheLowerOfTwoWantedBytesInAWordAndStopsAtTheEndGiven() {
        byte[] table = table(true, ',', '"', '\n', '\r');
        ByteFinder finder = ByteFinder.of(table);
        byte[] kinds = {',', '"', '\n', '\r', 0, (byte) 0x80, (byte) 0xC3, (byte) 0xFF, 1, 0x7F};
        for (byte first : kinds) {
            for (byte second : kinds) {
                for (int i = 0; i < 8; i++) {
                    for (int j = i + 1; j < 8; j++) {
                        byte[] bytes = "abcdefghabcdefgh".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        bytes[i] = first;
                        bytes[j] = second;
                        assertThat(finder.next(bytes, 0, bytes.length)).as("%d at %d, %d at %d", first, i, second, j)
                                .isEqualTo(naive(table, bytes, 0, bytes.length));
                        // an end inside the word: nothing at or past it is found
                        assertThat(finder.next(bytes, 0, i)).isEqualTo(i);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void agreesWithAByteByByteLookupOnRandomBytes(long seed) {
        Random random = new Random(seed);
        for (byte[] table : tables()) {
            ByteFinder finder = ByteFinder.of(table);
            for (int round = 0; round < 2000; round++) {
                byte[] bytes = new byte[random.nextInt(80)];
                for (int i = 0; i < bytes.length; i++) {
                    // mostly ordinary letters, so that runs cross several words
                    bytes[i] = random.nextInt(12) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + random.nextInt(26));
                }
                int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
                int end = from + random.nextInt(bytes.length - from + 1);
                int i = from;
                while (i < end) {
                    int found = finder.next(bytes, i, end);
                    assertThat(found).isEqualTo(naive(table, bytes, i, end));
                    i = found + 1;
                }
            }
        }
    }

    @Test
    void refusesATableOfTheWrongSize() {
        assertThatThrownBy(() -> ByteFinder.of(new byte[255])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
    }
}
