package io.certgauge.config;

/**
 * A value of the wrong form: the reason quotes the value, the hint says what is accepted. Being an
 * {@link IllegalArgumentException}, it reads well on the command line as it is; the loader turns it
 * into a {@link ConfigProblem} with the file, line and field.
 */
final class BadValue extends IllegalArgumentException {

    private final String reason;
    private final String hint;

    BadValue(String reason, String hint) {
        super(hint == null ? reason : reason + "; " + hint);
        this.reason = reason;
        this.hint = hint;
    }

    String reason() {
        return reason;
    }

    String hint() {
        return hint;
    }

    private static final int MAX_QUOTED = 80;

    /** A value in double quotes, as error messages show it; a long one is cut. */
    static String quote(String value) {
        if (value.length() > MAX_QUOTED) {
            // One problem, one readable line: a pasted blob is shown by its start and length.
            return "\""
                    + value.substring(0, MAX_QUOTED)
                    + "…\" ("
                    + value.length()
                    + " characters)";
        }
        return "\"" + value + "\"";
    }
}
