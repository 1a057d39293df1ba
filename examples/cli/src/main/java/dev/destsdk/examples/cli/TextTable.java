package dev.destsdk.examples.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as an aligned text table with a header rule. Values longer than 60 characters are cut. */
final class TextTable {
    private static final int MAX = 60;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    TextTable add(List<?> values) {
        List<String> row = new ArrayList<>(values.size());
        for (Object v : values) {
            String s = v == null ? "NULL" : String.valueOf(v);
            s = s.replace("\n", "\\n").replace("\r", "\\r");
            row.add(s.length() > MAX ? s.substring(0, MAX - 1) + "…" : s);
        }
        rows.add(row);
        return this;
    }

    int size() {
        return rows.size();
    }

    void print(PrintStream out) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> r : rows) {
                if (i < r.size()) {
                    widths[i] = Math.max(widths[i], r.get(i).length());
                }
            }
        }
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> r : rows) {
            out.println(line(r, widths));
        }
    }

    private static String line(List<String> values, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String v = i < values.size() ? values.get(i) : "";
            b.append(i == 0 ? "" : " | ").append(v).append(" ".repeat(widths[i] - v.length()));
        }
        return b.toString().stripTrailing();
    }
}
