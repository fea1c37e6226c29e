/**
 * Nagios/Icinga plugin output: the one status line with perfdata and the detail lines that follow,
 * for {@code check}, {@code check --from} and the daemon's {@code /nagios} endpoint, which must all
 * print the same text for the same result.
 */
package io.certgauge.export.nagios;
