package dev.destsdk.jdbc.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import dev.destsdk.core.metadata.CanonicalType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueBinderAndReaderTest {

    @Test
    void theStandardBinderBindsJavaTimeAndTypedNulls() throws SQLException {
        PreparedStatement ps = mock(PreparedStatement.class);
        ValueBinder.standard().bind(ps, 1, CanonicalType.DATE, LocalDate.of(1500, 3, 1));
        ValueBinder.standard().bind(ps, 2, CanonicalType.TIMESTAMP_TZ, null);
        ValueBinder.standard().bind(ps, 3, CanonicalType.UUID, java.util.UUID.fromString(
                "123e4567-e89b-12d3-a456-426614174000"));
        verify(ps).setObject(1, LocalDate.of(1500, 3, 1));
        verify(ps).setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
        verify(ps).setString(3, "123e4567-e89b-12d3-a456-426614174000");
        verifyNoMoreInteractions(ps);
    }

    @Test
    void withReplacesOneTypeAndLeavesNullAndTheOthersToTheBase() throws SQLException {
        PreparedStatement ps = mock(PreparedStatement.class);
        ValueBinder binder = ValueBinder.standard().withTemporalsAsText();
        binder.bind(ps, 1, CanonicalType.DATE, LocalDate.of(1582, 10, 10));
        binder.bind(ps, 2, CanonicalType.DATE, null);
        binder.bind(ps, 3, CanonicalType.LONG, 7L);
        verify(ps).setString(1, "1582-10-10");
        verify(ps).setNull(2, Types.DATE);
        verify(ps).setLong(3, 7L);
        verifyNoMoreInteractions(ps);
    }

    @Test
    void theStandardReaderUsesTheTypedGetterFirstAndFallsBackToText() throws SQLException {
        ResultSet rs = mock(ResultSet.class);
        OffsetDateTime right = OffsetDateTime.parse("1500-03-01T07:04:56Z");
        when(rs.getObject(1, OffsetDateTime.class)).thenReturn(right);
        when(rs.getObject(1)).thenReturn(OffsetDateTime.parse("1500-03-10T07:04:56Z")); // a shifting plain getter
        when(rs.getObject(2, LocalDate.class)).thenThrow(new SQLFeatureNotSupportedException("no"));
        when(rs.getString(2)).thenReturn("1582-10-10");
        assertThat(ValueReader.standard().read(rs, 1, CanonicalType.TIMESTAMP_TZ)).isEqualTo(right);
        assertThat(ValueReader.standard().read(rs, 2, CanonicalType.DATE)).isEqualTo(LocalDate.of(1582, 10, 10));
    }

    @Test
    void aReaderWithTemporalsFromTextParsesTheirText() throws SQLException {
        ResultSet rs = mock(ResultSet.class);
        when(rs.getString(1)).thenReturn("1500-03-01 07:04:56.000000+00:00");
        when(rs.getString(2)).thenReturn(null);
        when(rs.getLong(3)).thenReturn(5L);
        ValueReader reader = ValueReader.standard().withTemporalsFromText();
        assertThat(reader.read(rs, 1, CanonicalType.TIMESTAMP_TZ))
                .isEqualTo(OffsetDateTime.parse("1500-03-01T07:04:56Z"));
        assertThat(reader.read(rs, 2, CanonicalType.DATE)).isNull();
        assertThat(reader.read(rs, 3, CanonicalType.LONG)).isEqualTo(5L);
    }

    @Test
    void resultColumnsMapToCanonicalTypesByJdbcTypeAndName() {
        assertThat(ValueReader.canonicalTypeOf(Types.TIMESTAMP, "timestamptz")).hasValue(CanonicalType.TIMESTAMP_TZ);
        assertThat(ValueReader.canonicalTypeOf(Types.TIMESTAMP, "TIMESTAMP")).hasValue(CanonicalType.TIMESTAMP);
        assertThat(ValueReader.canonicalTypeOf(Types.NUMERIC, "numeric")).hasValue(CanonicalType.DECIMAL);
        assertThat(ValueReader.canonicalTypeOf(Types.OTHER, "jsonb")).isEqualTo(Optional.empty());
    }
}
