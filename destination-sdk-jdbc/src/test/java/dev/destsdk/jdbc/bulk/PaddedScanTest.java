package dev.destsdk.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.csv.CsvBytes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PaddedScan} against plain byte-by-byte references, on random ranges of bytes drawn mostly from the ones that
 * matter (delimiter, quote, line breaks, NUL, every kind of UTF-8 lead and continuation byte, bytes never valid in
 * UTF-8), with random stale bytes in the padding after the range.
 */
class PaddedScanTest {
    /** Bytes the ranges are drawn from, besides plain letters. */
    private static final int[] INTERESTING = {',', '"', '\n', '\r', 0, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
        0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

    private static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length + PaddedScan.PADDING];
        for (int i = 0; i < b.length; i++) {
            int kind = random.nextInt(10);
            b[i] = (byte) (kind < 6 ? 'a' + random.nextInt(26) : INTERESTING[random.nextInt(INTERESTING.length)]);
        }
        return b;
    }

    private static boolean rare(byte c, boolean lineFeedToo) {
        return c == '\r' || c == 0 || c < 0 || lineFeedToo && c == '\n';
    }

    /** The reference of the noting scans: the first wanted byte, and whether a rare byte comes before it. */
    private static int reference(byte[] b, int from, int end, byte[] wanted, boolean lineFeedRare) {
        boolean rare = false;
        for (int i = from; i < end; i++) {
            for (byte w : wanted) {
                if (b[i] == w) {
                    return rare ? i | PaddedScan.RARE : i;
                }
            }
            rare |= rare(b[i], lineFeedRare);
        }
        return rare ? end | PaddedScan.RARE : end;
    }

    /** The reference of {@link PaddedScan#lineFeedsIfClean}: UTF-8 decoded sequence by sequence, as the scan does. */
    private static int referenceLineFeeds(byte[] b, int from, int end) {
        int lineFeeds = 0;
        int i = from;
        while (i < end) {
            byte c = b[i];
            if (c == '\r' || c == 0) {
                return -1;
            }
            if (c >= 0) {
                lineFeeds += c == '\n' ? 1 : 0;
                i++;
                continue;
            }
            int n = CsvBytes.utf8Length(b, i, end);
            if (n <= 0) {
                return -1;
            }
            i += n;
        }
        return lineFeeds;
    }

    @Test
    void scansFindWhatAByteByByteLoopFinds() {
        Random random = new Random(20261207);
        int rareSeen = 0;
        int plainSeen = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] b = randomBytes(random, 1 + random.nextInt(40));
            int end = b.length - PaddedScan.PADDING;
            int from = random.nextInt(end + 1);
            String context = HexFormat.of().formatHex(b) + " from " + from + " end " + end;

            byte one = (byte) INTERESTING[random.nextInt(4)];
            int expectedOne = reference(b, from, end, new byte[] {one}, false) & PaddedScan.POSITION;
            assertThat(PaddedScan.find(b, from, end, PaddedScan.pattern(one))).as(context).isEqualTo(expectedOne);

            int any = PaddedScan.findAnyNotingRare(b, from, end, PaddedScan.pattern((byte) ','),
                    PaddedScan.pattern((byte) '"'), PaddedScan.pattern((byte) '\n'));
            assertThat(any).as(context).isEqualTo(reference(b, from, end, new byte[] {',', '"', '\n'}, false));
            if ((any & PaddedScan.RARE) != 0) {
                rareSeen++;
            } else {
                plainSeen++;
            }

            int quote = PaddedScan.findQuoteNotingRare(b, from, end, PaddedScan.pattern((byte) '"'));
            assertThat(quote).as(context).isEqualTo(reference(b, from, end, new byte[] {'"'}, true));
        }
        // both answers are common, so the comparison tests both
        assertThat(rareSeen).isGreaterThan(10_000);
        assertThat(plainSeen).isGreaterThan(10_000);
    }

    @Test
    void lineFeedsIfCleanAgreesWithSequenceBySequenceDecoding() {
        Random random = new Random(7);
        int clean = 0;
        int refused = 0;
        for (int round = 0; round < 300_000; round++) {
            byte[] b;
            if (random.nextBoolean()) {
                b = randomBytes(random, random.nextInt(40));
            } else {
                // mostly valid text with line feeds, so that "clean" is common; sometimes one byte changed
                String text = randomText(random);
                byte[] t = text.getBytes(StandardCharsets.UTF_8);
                b = new byte[t.length + PaddedScan.PADDING];
                System.arraycopy(t, 0, b, 0, t.length);
                if (t.length > 0 && random.nextInt(3) == 0) {
                    b[random.nextInt(t.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                }
            }
            int end = b.length - PaddedScan.PADDING;
            int from = end == 0 ? 0 : random.nextInt(end);
            int expected = referenceLineFeeds(b, from, end);
            assertThat(PaddedScan.lineFeedsIfClean(b, from, end))
                    .as(HexFormat.of().formatHex(b) + " from " + from + " end " + end).isEqualTo(expected);
            if (expected < 0) {
                refused++;
            } else {
                clean++;
            }
        }
        assertThat(clean).isGreaterThan(30_000);
        assertThat(refused).isGreaterThan(30_000);
    }

    private static final String[] PIECES = {"a", "word ", "\n", "ü", "名", "😀", "\u0800", "\uD7FF", "\uE000",
        "\uFFFF", new String(Character.toChars(0x10FFFF)), "12345678", ","};

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    @Test
    void everyUtf8BoundaryIsDecidedAsTheDecoderDecides() {
        // every two- to four-byte sequence made of boundary bytes, alone and after plain ASCII words
        int[] bytes = {0x00, 0x0D, 0x0A, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        int valid = 0;
        for (int a : bytes) {
            for (int c : bytes) {
                for (int d : bytes) {
                    for (int e : bytes) {
                        for (int prefix : new int[] {0, 9}) {
                            byte[] b = new byte[prefix + 4 + PaddedScan.PADDING];
                            for (int i = 0; i < prefix; i++) {
                                b[i] = 'x';
                            }
                            b[prefix] = (byte) a;
                            b[prefix + 1] = (byte) c;
                            b[prefix + 2] = (byte) d;
                            b[prefix + 3] = (byte) e;
                            int end = prefix + 4;
                            int expected = referenceLineFeeds(b, 0, end);
                            assertThat(PaddedScan.lineFeedsIfClean(b, 0, end)).as(HexFormat.of().formatHex(b))
                                    .isEqualTo(expected);
                            valid += expected >= 0 ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertThat(valid).isGreaterThan(1000);
    }
}
