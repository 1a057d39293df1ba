package dev.destsdk.activation.convert;

/**
 * A record that cannot be converted: the reason names the column and the problem, quoting at most a short excerpt
 * of the value. The record goes to the error processor; the load goes on.
 */
public final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong and with which column; not null */
    public ConversionException(String reason) {
        super(reason, null, false, false);
    }
}
