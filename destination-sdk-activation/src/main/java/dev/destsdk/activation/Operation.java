package dev.destsdk.activation;

import java.util.Locale;
import java.util.Optional;

/** What a load does with each record, from {@code activation_behaviour.operation}. */
public enum Operation {
    /** Create a new record for every input. */
    INSERT,
    /** Change the record matched by the merge keys; a missing record is an error, never created. */
    UPDATE,
    /** Change the record matched by the merge keys, or create it. */
    UPSERT;

    /**
     * @param text the operation as configured, in any case; may be null
     * @return the operation, or empty when the text names none
     */
    public static Optional<Operation> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return whether records may be created */
    public boolean creates() {
        return this != UPDATE;
    }

    /** @return whether existing records may be changed */
    public boolean updates() {
        return this != INSERT;
    }
}
