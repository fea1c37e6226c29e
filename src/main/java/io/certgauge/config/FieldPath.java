package io.certgauge.config;

/**
 * Where a value sits in a targets file, in two spellings: a JSON Pointer to find its line in the
 * {@link LineIndex}, and the key path people read ({@code targets[3].port}).
 */
record FieldPath(String pointer, String display) {

    static final FieldPath ROOT = new FieldPath("", "");

    FieldPath key(String key) {
        // RFC 6901 section 3: ~ and / in a key are escaped as ~0 and ~1.
        String escaped = key.replace("~", "~0").replace("/", "~1");
        String shown = display.isEmpty() ? key : display + "." + key;
        return new FieldPath(pointer + "/" + escaped, shown);
    }

    FieldPath index(int index) {
        return new FieldPath(pointer + "/" + index, display + "[" + index + "]");
    }

    /** The same place without a key path: the lines of a plain list have only line numbers. */
    FieldPath anonymous() {
        return new FieldPath(pointer, null);
    }
}
