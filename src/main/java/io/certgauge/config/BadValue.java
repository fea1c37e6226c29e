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

    /** A value in double quotes, as error messages show it. */
    static String quote(String value) {
        return "\"" + value + "\"";
    }
}
