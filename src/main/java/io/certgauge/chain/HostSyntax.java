package io.certgauge.chain;

import java.util.Locale;

/**
 * The syntax of DNS names in certificates: RFC 5280 section 4.2.1.6 asks for the "preferred name
 * syntax" of RFC 1034 section 3.5 (letters, digits and hyphens; labels of 1 to 63 characters), with
 * a wildcard allowed as the whole left-most label of a subjectAltName. Stateless.
 */
final class HostSyntax {

    private static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 253;

    private HostSyntax() {}

    /** Lower case, without one trailing dot. */
    static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * A name whose labels are all non-empty and made of letters, digits, hyphens and (leniently,
     * since private names use them) underscores; a {@code *} left-most label when {@code wildcard}
     * allows it.
     */
    static boolean validName(String name, boolean wildcard) {
        return valid(normalise(name), wildcard, true);
    }

    /** RFC 1034 preferred name syntax, strictly: no underscore, no hyphen at a label's ends. */
    static boolean preferredName(String name, boolean wildcard) {
        return valid(normalise(name), wildcard, false);
    }

    /** A dNSName name constraint: a valid name without wildcard or leading period. */
    static boolean validConstraint(String constraint) {
        return valid(normalise(constraint), false, true);
    }

    private static boolean valid(String name, boolean wildcard, boolean lenient) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i == 0 && wildcard && label.equals("*") && labels.length > 1) {
                continue;
            }
            if (!validLabel(label, lenient)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validLabel(String label, boolean lenient) {
        if (label.isEmpty() || label.length() > MAX_LABEL) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ldh && !(lenient && c == '_')) {
                return false;
            }
        }
        return lenient || (label.charAt(0) != '-' && label.charAt(label.length() - 1) != '-');
    }
}
