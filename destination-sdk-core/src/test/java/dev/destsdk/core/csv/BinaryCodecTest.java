package dev.destsdk.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryCodecTest {

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void base64AndHexRoundTripRandomBytes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            for (BinaryFormat format : new BinaryFormat[] {BinaryFormat.BASE64, BinaryFormat.HEX}) {
                String text = BinaryCodec.encode(bytes, format, StandardCharsets.UTF_8);
                assertThat(BinaryCodec.decode(text, format, StandardCharsets.UTF_8))
                        .as("seed=%d format=%s", seed, format).isEqualTo(bytes);
            }
        }
    }

    @Test
    void knownEncodings() {
        byte[] bytes = {0, 1, (byte) 0xAB, (byte) 0xFF};
        assertThat(BinaryCodec.encode(bytes, BinaryFormat.HEX, StandardCharsets.UTF_8)).isEqualTo("0001abff");
        assertThat(BinaryCodec.encode(bytes, BinaryFormat.BASE64, StandardCharsets.UTF_8)).isEqualTo("AAGr/w==");
        assertThat(BinaryCodec.decode("0001ABFF", BinaryFormat.HEX, StandardCharsets.UTF_8)).isEqualTo(bytes);
        assertThat(BinaryCodec.decode("AAGr/w", BinaryFormat.BASE64, StandardCharsets.UTF_8)).isEqualTo(bytes);
    }

    @Test
    void rawIsTheTextInTheEncoding() {
        byte[] latin1 = {(byte) 0xE9, 't', (byte) 0xE9};
        String text = BinaryCodec.encode(latin1, BinaryFormat.RAW, StandardCharsets.ISO_8859_1);
        assertThat(text).isEqualTo("été");
        assertThat(BinaryCodec.decode(text, BinaryFormat.RAW, StandardCharsets.ISO_8859_1)).isEqualTo(latin1);
    }

    @Test
    void rawRefusesBytesThatAreNotText() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> BinaryCodec.encode(new byte[] {(byte) 0xFF}, BinaryFormat.RAW, StandardCharsets.UTF_8));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("not valid UTF-8").contains("BASE64");
    }

    @Test
    void badBase64IsAValidationError() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> BinaryCodec.decode("ab$d", BinaryFormat.BASE64, StandardCharsets.UTF_8));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("not valid base64");
    }

    @Test
    void oddHexIsAValidationError() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> BinaryCodec.decode("abc", BinaryFormat.HEX, StandardCharsets.UTF_8));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("odd number");
    }

    @Test
    void nonHexDigitIsAValidationErrorNamingItsIndex() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> BinaryCodec.decode("00g1", BinaryFormat.HEX, StandardCharsets.UTF_8));
        assertThat(e.getErrorType()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("index 2");
        ConnectorException fullWidth = catchThrowableOfType(ConnectorException.class,
                () -> BinaryCodec.decode("0\uFF11", BinaryFormat.HEX, StandardCharsets.UTF_8));
        assertThat(fullWidth.getMessage()).contains("index 1");
    }
}
