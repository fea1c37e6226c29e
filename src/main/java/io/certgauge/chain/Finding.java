package io.certgauge.chain;

import java.util.Objects;

/** One problem found in a chain, with a message that says which certificate and why. */
public record Finding(FindingCode code, String message) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public Severity severity() {
        return code.severity();
    }
}
