package dev.destsdk.core.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded generator of CSV-hostile values: delimiters, quotes, escapes, line breaks, edge spaces, markers, unicode. */
final class ValueGenerator {
    private static final String[] FRAGMENTS = {
        "a", "b", "Z", "42", "-0.5", "x y", ",", "\t", "|", ";", "\"", "'", "\\", "\r", "\n", "\r\n", " ", "  ",
        "é", "ß", "€", "\u00a0", "\u00ff", "😀", "𝄞", "中文", "\uFEFF", "\\n", "\\N", "NULL", "null", "\\\\",
        "\"\"", "''", "\u2028", "\u000b", "\f", "\b", "\u0000", "#", "=", "\\t", "\\r"
    };
    private static final String[] NAMES = {
        "id", "Name", "", "a,b", "quote\"d", "it's", "tab\tname", "émoji😀", "  spaced  ", "NULL", "\\N",
        "line\nbreak", "\uFEFFbom", "pipe|semi;", "back\\slash"
    };

    private final SplittableRandom random;
    private final List<String> markers;
    private final boolean nulls;

    ValueGenerator(SplittableRandom random, CsvFileFormat format, boolean nulls) {
        this.random = random;
        this.markers = new ArrayList<>(format.nullIf());
        this.markers.add("\\N");
        this.markers.add("NULL");
        this.nulls = nulls;
    }

    static String columnName(SplittableRandom random, int index) {
        return random.nextInt(3) == 0 ? NAMES[random.nextInt(NAMES.length)] + index : "c" + index;
    }

    String next() {
        int kind = random.nextInt(100);
        if (kind < 10) {
            return nulls ? null : "";
        }
        if (kind < 18) {
            return "";
        }
        if (kind < 26) {
            return markers.get(random.nextInt(markers.size()));
        }
        if (kind < 32) {
            // a marker with edge spaces or inside quotes
            String marker = markers.get(random.nextInt(markers.size()));
            return switch (random.nextInt(3)) {
                case 0 -> " " + marker;
                case 1 -> marker + " ";
                default -> "\"" + marker + "\"";
            };
        }
        StringBuilder sb = new StringBuilder();
        int pieces = 1 + random.nextInt(10);
        for (int i = 0; i < pieces; i++) {
            sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        if (random.nextInt(8) == 0) {
            sb.insert(0, ' ');
        }
        if (random.nextInt(8) == 0) {
            sb.append('\t');
        }
        if (random.nextInt(400) == 0) {
            sb.append("long".repeat(5000 + random.nextInt(20000)));
        }
        return sb.toString();
    }
}
