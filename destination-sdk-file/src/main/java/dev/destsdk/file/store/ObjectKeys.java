package dev.destsdk.file.store;

import java.util.List;

/**
 * The rules every object key follows, checked by every {@link ObjectStore} before a call touches the store: a key
 * is one or more {@code /}-separated segments, none of them empty, {@code .} or {@code ..}, and no character is a
 * backslash, NUL or another control character. Such a key can never name anything outside the store's root, on a
 * file system or in a bucket. Names coming from data are made safe earlier, by the destination's identifier
 * policy; this check is the last line of defence. Stateless.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /**
     * @param key a key; not null
     * @return the key
     * @throws IllegalArgumentException when the key breaks a rule, naming which
     */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key is empty");
        }
        for (String segment : key.split("/", -1)) {
            checkSegment(segment, key);
        }
        return key;
    }

    /**
     * Checks a prefix: empty, or a key optionally followed by {@code /}.
     *
     * @param prefix the prefix; not null
     * @return the prefix
     * @throws IllegalArgumentException when the prefix breaks a rule
     */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    /**
     * Joins segments with {@code /} and checks the result.
     *
     * @param segments the segments; not null, each a valid segment
     * @return the key
     */
    public static String join(List<String> segments) {
        return check(String.join("/", segments));
    }

    private static void checkSegment(String segment, String key) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("object key " + excerpt(key)
                    + " has an empty, '.' or '..' segment");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("object key " + excerpt(key)
                        + " holds a backslash or a control character at " + i);
            }
        }
    }

    private static String excerpt(String key) {
        String clean = key.replaceAll("\\p{Cntrl}", "?");
        return "'" + (clean.length() > 60 ? clean.substring(0, 60) + "…" : clean) + "'";
    }
}
