package io.certgauge.verdict;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold range in days, in the grammar of the Nagios plugin guidelines (section "Threshold and
 * ranges"), with one deliberate change: a bare number {@code N} means {@code N:}, "alert when fewer
 * than N days are left", because that is what {@code -w 30} means for a certificate.
 *
 * <table>
 *   <caption>Accepted forms</caption>
 *   <tr><td>{@code N}, {@code N:}</td><td>alert when the value is below N</td></tr>
 *   <tr><td>{@code ~:N}</td><td>alert when the value is above N</td></tr>
 *   <tr><td>{@code M:N}</td><td>alert when the value is outside M to N (inclusive)</td></tr>
 *   <tr><td>{@code @M:N}</td><td>alert when the value is inside M to N (inclusive)</td></tr>
 * </table>
 *
 * <p>Numbers may be negative and have fractions. {@link #toString()} gives the range as perfdata
 * writes it. Immutable.
 *
 * @param start the lower end; negative infinity for {@code ~}
 * @param end the upper end; positive infinity when omitted
 * @param inside alert inside the range ({@code @}) instead of outside it
 */
public record DaysRange(double start, double end, boolean inside) {

    private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern RANGE =
            Pattern.compile("(@)?(?:(~|" + NUMBER + "):)?(" + NUMBER + ")?");
    private static final String FORMS =
            "expected N, N:, ~:N, M:N or @M:N (days, fractions allowed)";

    public DaysRange {
        if (Double.isNaN(start) || Double.isNaN(end)) {
            throw new IllegalArgumentException("a range end cannot be NaN");
        }
        if (start > end) {
            throw new IllegalArgumentException(
                    "range start " + number(start) + " is above its end " + number(end));
        }
    }

    /** The range {@code N:}: alert when fewer than {@code days} are left. */
    public static DaysRange below(double days) {
        return new DaysRange(days, Double.POSITIVE_INFINITY, false);
    }

    /**
     * Parses a threshold as given to {@code -w}/{@code -c} or {@code ?warning=}.
     *
     * @throws IllegalArgumentException with a message that quotes the value and lists the forms
     */
    public static DaysRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip();
        Matcher m = RANGE.matcher(value);
        boolean hasColon = value.contains(":");
        if (value.isEmpty() || !m.matches() || (!hasColon && m.group(3) == null)) {
            throw new IllegalArgumentException("invalid range '" + text + "': " + FORMS);
        }
        if (!hasColon) {
            // The one departure from the guidelines: a bare N is "N:", not "0:N".
            if (m.group(1) != null) {
                throw new IllegalArgumentException(
                        "invalid range '" + text + "': '@' needs both ends, as in @M:N");
            }
            return below(Double.parseDouble(m.group(3)));
        }
        double start = startOf(m.group(2));
        double end = m.group(3) == null ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(3));
        if (start > end) {
            throw new IllegalArgumentException(
                    "invalid range '" + text + "': the start is above the end; " + FORMS);
        }
        return new DaysRange(start, end, m.group(1) != null);
    }

    private static double startOf(String group) {
        return group.equals("~") ? Double.NEGATIVE_INFINITY : Double.parseDouble(group);
    }

    /** True when {@code value} raises this range's alert. */
    public boolean alerts(double value) {
        boolean within = value >= start && value <= end;
        return inside == within;
    }

    /** The range as perfdata writes it: {@code 30:}, {@code ~:10}, {@code 5:10}, {@code @5:10}. */
    @Override
    public String toString() {
        String from = start == Double.NEGATIVE_INFINITY ? "~" : number(start);
        String to = end == Double.POSITIVE_INFINITY ? "" : number(end);
        return (inside ? "@" : "") + from + ":" + to;
    }

    private static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "~";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
