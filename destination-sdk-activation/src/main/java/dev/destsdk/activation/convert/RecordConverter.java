package dev.destsdk.activation.convert;

import dev.destsdk.activation.ApiFieldType;
import dev.destsdk.activation.FieldDescription;
import dev.destsdk.activation.LookupReference;
import dev.destsdk.activation.Operation;
import dev.destsdk.activation.plan.ActivationPlan;
import dev.destsdk.activation.plan.MappedField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Converts one source record (the CSV values of the mapped columns) into API values through each field's
 * {@code activation_target_field}, the API field's type and the load's options (Flink's {@code ElementConverter}).
 *
 * <ul>
 *   <li>{@code trim_whitespace}: values are trimmed first.</li>
 *   <li>NULL and the empty string: with {@code insert_nulls} the API field is cleared (value null); without it the
 *       field is not sent. A merge key may not be empty.</li>
 *   <li>Types: see {@link ApiFieldType}. A value that does not parse as its type, or a picklist value that is not
 *       allowed, fails the record ({@link ConversionException}); it is never sent as NULL or guessed.</li>
 *   <li>Lookups become a {@link LookupReference} to the parent by its match field.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class RecordConverter {
    private final ActivationPlan plan;
    private final List<MappedField> fields;

    /** @param plan the validated plan; not null */
    public RecordConverter(ActivationPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.fields = plan.fields();
    }

    /**
     * @param sourceValues the mapped columns' values in {@link ActivationPlan#fields()} order (null for NULL); not
     *     null
     * @return the converted record
     * @throws ConversionException when a value cannot be converted
     */
    public ConvertedRecord convert(List<String> sourceValues) throws ConversionException {
        Map<String, Object> values = new LinkedHashMap<>();
        String[] keys = new String[plan.mergeKeys().size()];
        int size = 32;
        boolean keysInValues = plan.operation() == Operation.INSERT;
        for (int i = 0; i < fields.size(); i++) {
            MappedField f = fields.get(i);
            String raw = sourceValues.get(i);
            if (raw != null && plan.options().trimWhitespace()) {
                raw = raw.trim();
            }
            FieldDescription target = f.target();
            boolean empty = raw == null || raw.isEmpty();
            if (f.mergeKey()) {
                if (empty) {
                    throw new ConversionException("column " + f.column() + ": merge key " + target.name()
                            + " is empty; every record needs a value to be matched by");
                }
                keys[plan.mergeKeys().indexOf(target.name())] = raw;
                if (!keysInValues) {
                    size += raw.length() + target.name().length() + 8;
                    continue;
                }
            }
            if (empty) {
                if (plan.options().insertNulls()) {
                    values.put(target.name(), null);
                    size += target.name().length() + 8;
                }
                continue;
            }
            Object value = f.isLookup()
                    ? new LookupReference(f.lookupParentObject().orElseThrow(), f.lookupMatchField().orElseThrow(),
                            raw)
                    : convertValue(f, raw);
            values.put(target.name(), value);
            size += target.name().length() + raw.length() + 8;
        }
        return new ConvertedRecord(List.of(keys), values, size);
    }

    private static Object convertValue(MappedField f, String raw) throws ConversionException {
        FieldDescription t = f.target();
        try {
            return switch (t.type()) {
                case STRING -> raw;
                case NUMBER -> new BigDecimal(raw.trim());
                case INTEGER -> new BigDecimal(raw.trim()).toBigIntegerExact();
                case BOOLEAN -> parseBoolean(raw.trim(), f);
                case DATE -> LocalDate.parse(raw.trim());
                case DATETIME -> parseInstant(raw.trim());
                case PICKLIST -> {
                    if (!t.picklistValues().isEmpty() && !t.picklistValues().contains(raw)) {
                        throw new ConversionException("column " + f.column() + ": " + excerpt(raw)
                                + " is not an allowed value of picklist " + t.name() + " " + shortList(t));
                    }
                    yield raw;
                }
                case REFERENCE -> throw new ConversionException("column " + f.column() + ": reference field "
                        + t.name() + " needs an activation_lookup");
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new ConversionException("column " + f.column() + ": " + excerpt(raw) + " is not a valid "
                    + t.type().name().toLowerCase(Locale.ROOT) + " for " + t.name());
        }
    }

    private static Boolean parseBoolean(String s, MappedField f) throws ConversionException {
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return Boolean.FALSE;
        }
        throw new ConversionException("column " + f.column() + ": " + excerpt(s) + " is not a valid boolean for "
                + f.target().name() + " (use true/false or 1/0)");
    }

    private static Instant parseInstant(String s) {
        try {
            return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            // no offset: the value is UTC
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    private static String shortList(FieldDescription t) {
        List<String> v = new ArrayList<>(t.picklistValues());
        return v.size() <= 8 ? v.toString() : v.subList(0, 8) + " …";
    }

    static String excerpt(String s) {
        return "'" + (s.length() > 20 ? s.substring(0, 20) + "…" : s) + "'";
    }

}
