package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalTextTest {
    private static final String ALPHABET = "0123456789-:.TZ+eE tfalsrueNaIy";
    private static final List<String> SEEDS = List.of("2024-01-31", "13:45:00.123456", "2024-01-31T13:45:00",
            "2024-01-31T13:45:00Z", "2024-02-29T23:59:59.5+05:30", "1900-02-29", "0000-01-01", "-12.50", "1.0E10",
            "9223372036854775807", "-32768", "32768", "true", "false", "123e4567-e89b-42d3-a456-426614174000",
            "12345678.90", "0.001", "2024-13-01", "24:00:00", "2024-01-31T13:45:00+18:01", "1e999");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void theFastTestNeverAcceptsAValueTheFullCheckRefuses(long seed) {
        Random random = new Random(seed);
        for (int n = 0; n < 200_000; n++) {
            String text = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (CanonicalType type : CanonicalType.values()) {
                int precision = random.nextBoolean() ? -1 : 1 + random.nextInt(12);
                int scale = precision < 0 ? 0 : random.nextInt(precision + 1);
                if (CanonicalText.isCertainlyCanonical(type, precision, scale, bytes, 0, bytes.length)) {
                    assertThat(CanonicalText.problem(type, precision < 0 ? Optional.empty() : Optional.of(precision),
                            precision < 0 ? Optional.empty() : Optional.of(scale), BinaryFormat.BASE64, text))
                            .as("%s '%s' precision %d scale %d (seed %d)", type, text, precision, scale, seed)
                            .isEmpty();
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4L, 5L})
    void everyTypesTestReadsOnlyItsValueInsideALargerBuffer(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        int refused = 0;
        for (int n = 0; n < 100_000; n++) {
            String text = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            // the value inside a larger buffer, as a reader's buffer holds it
            byte[] padded = new byte[bytes.length + 7];
            java.util.Arrays.fill(padded, (byte) '9');
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            for (CanonicalType type : CanonicalType.values()) {
                int precision = random.nextBoolean() ? -1 : 1 + random.nextInt(12);
                int scale = precision < 0 ? 0 : random.nextInt(precision + 1);
                CanonicalText.FastCheck check = CanonicalText.fastCheck(type, precision, scale);
                boolean expected = check.test(bytes, 0, bytes.length);
                // digits around the value: a test that read past its end or before its start would answer otherwise
                assertThat(check.test(padded, 3, bytes.length))
                        .as("%s '%s' precision %d scale %d (seed %d)", type, text, precision, scale, seed)
                        .isEqualTo(expected);
                if (expected) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        }
        // the corpus holds both answers in numbers, so that agreement means something
        assertThat(accepted).isGreaterThan(10_000);
        assertThat(refused).isGreaterThan(10_000);
    }

    /**
     * The promise a CSV scanner relies on when it takes a field that a test accepts as the whole field: a test that
     * {@linkplain CanonicalText.FastCheck#acceptsOnlyPlain accepts only plain bytes} accepts no text with a
     * delimiter, quote, line break, NUL, space or non-ASCII byte in it, wherever it lies.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6L, 7L})
    void aTestThatAcceptsOnlyPlainBytesAcceptsNoOtherByte(long seed) {
        Random random = new Random(seed);
        String[] foreign = {",", "\"", "'", "\n", "\r", "\u0000", " ", "\t", ";", "|", "_", "/", "ü", "名", "\u00A0"};
        int acceptedPlain = 0;
        int withForeign = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder(mutate(SEEDS.get(random.nextInt(SEEDS.size())), random));
            if (random.nextBoolean()) {
                sb.insert(random.nextInt(sb.length() + 1), foreign[random.nextInt(foreign.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            boolean plain = true;
            for (byte b : bytes) {
                plain &= CanonicalText.isPlain(b);
            }
            withForeign += plain ? 0 : 1;
            for (CanonicalType type : CanonicalType.values()) {
                int precision = random.nextBoolean() ? -1 : 1 + random.nextInt(12);
                int scale = precision < 0 ? 0 : random.nextInt(precision + 1);
                CanonicalText.FastCheck check = CanonicalText.fastCheck(type, precision, scale);
                assertThat(check.acceptsOnlyPlain()).as("%s", type)
                        .isEqualTo(type != CanonicalType.STRING && type != CanonicalType.JSON
                                && type != CanonicalType.BINARY);
                if (check.acceptsOnlyPlain() && check.test(bytes, 0, bytes.length)) {
                    assertThat(plain).as("%s accepted '%s' (seed %d)", type, sb, seed).isTrue();
                    acceptedPlain++;
                }
            }
        }
        assertThat(acceptedPlain).isGreaterThan(10_000);
        assertThat(withForeign).isGreaterThan(40_000);
    }

    @org.junit.jupiter.api.Test
    void plainBytesAreAsciiLettersDigitsAndFourSigns() {
        StringBuilder plain = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            if (CanonicalText.isPlain((byte) b)) {
                plain.append((char) b);
            }
        }
        assertThat(plain.toString())
                .isEqualTo("+-.0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    }

    @org.junit.jupiter.api.Test
    void onlyTheStringTestAcceptsEveryTextWithoutNul() {
        byte[] odd = {'a', '\n', (byte) 0xFF, '"', ','};
        byte[] nul = {'a', 0};
        for (CanonicalType type : CanonicalType.values()) {
            CanonicalText.FastCheck check = CanonicalText.fastCheck(type, 10, 2);
            assertThat(check.acceptsAllButNul()).as("%s", type).isEqualTo(type == CanonicalType.STRING);
            if (check.acceptsAllButNul()) {
                assertThat(check.test(odd, 0, odd.length)).isTrue();
                assertThat(check.test(nul, 0, nul.length)).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-01-31T13:45:00Z", "2024-01-31T13:45:00.123456-08:00", "9999-12-31T23:59:59Z"})
    void canonicalTimestampsPassBothTests(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalText.isCertainlyCanonical(CanonicalType.TIMESTAMP_TZ, -1, 0, b, 0, b.length)).isTrue();
        assertThat(CanonicalText.problem(CanonicalType.TIMESTAMP_TZ, Optional.empty(), Optional.empty(),
                BinaryFormat.BASE64, text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void nanAndInfinitiesAreRefusedForFloatAndDouble(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (CanonicalType type : List.of(CanonicalType.FLOAT, CanonicalType.DOUBLE)) {
            assertThat(CanonicalText.isCertainlyCanonical(type, -1, 0, b, 0, b.length)).isFalse();
            assertThat(CanonicalText.problem(type, Optional.empty(), Optional.empty(), BinaryFormat.BASE64, text))
                    .as("%s %s", type, text)
                    .contains("is not a finite " + type + ": NaN and infinities are refused (not every destination"
                            + " can store them)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.5E-7", "-0.0", "12", "3.4028235E38", "1.7976931348623157E308", "0.5"})
    void finiteFloatsAreCanonical(String text) {
        assertThat(CanonicalText.problem(CanonicalType.DOUBLE, Optional.empty(), Optional.empty(),
                BinaryFormat.BASE64, text)).isEmpty();
    }

    /** Every ASCII character at every position of a UUID: the fast test accepts exactly what the full one does. */
    @org.junit.jupiter.api.Test
    void theFastUuidTestAgreesWithTheFullOneAtEveryPosition() {
        String canonical = "123e4567-E89B-42d3-a456-426614174000";
        for (int at = 0; at < canonical.length(); at++) {
            for (char c = 1; c < 0x80; c++) {
                String text = canonical.substring(0, at) + c + canonical.substring(at + 1);
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                boolean full = CanonicalText.problem(CanonicalType.UUID, Optional.empty(), Optional.empty(),
                        BinaryFormat.BASE64, text).isEmpty();
                assertThat(CanonicalText.isCertainlyCanonical(CanonicalType.UUID, -1, 0, b, 0, b.length))
                        .as("'%s'", text).isEqualTo(full);
                // and inside a larger array, at an offset
                byte[] padded = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
                assertThat(CanonicalText.isCertainlyCanonical(CanonicalType.UUID, -1, 0, padded, 2, b.length))
                        .as("'%s' at offset 2", text).isEqualTo(full);
            }
            byte[] high = canonical.getBytes(StandardCharsets.UTF_8);
            high[at] = (byte) 0xC3;
            assertThat(CanonicalText.isCertainlyCanonical(CanonicalType.UUID, -1, 0, high, 0, high.length)).isFalse();
        }
        byte[] shorter = canonical.substring(1).getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalText.isCertainlyCanonical(CanonicalType.UUID, -1, 0, shorter, 0, shorter.length))
                .isFalse();
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = random.nextInt(3);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> sb.deleteCharAt(at);
                default -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }
}
