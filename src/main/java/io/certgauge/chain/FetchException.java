package io.certgauge.chain;

import java.io.IOException;

/** A fetch that gave no usable bytes; the message says why, in words an operator reads. */
public final class FetchException extends IOException {

    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
