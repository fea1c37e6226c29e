package io.certgauge.chain;

/** How bad a finding is: an error makes the chain invalid, a warning does not. */
public enum Severity {
    ERROR,
    WARNING
}
