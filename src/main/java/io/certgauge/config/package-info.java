/**
 * The targets file and everything that turns operator input into {@link
 * io.certgauge.config.Target}s: loading the YAML or plain-list file ({@link
 * io.certgauge.config.ConfigLoader}), the error report it gives ({@link
 * io.certgauge.config.ConfigException}), durations, host names, ad-hoc targets for the command line
 * and {@code /probe} ({@link io.certgauge.config.Targets}), and the {@code probe_allow} rule
 * ({@link io.certgauge.config.ProbeAllowList}).
 *
 * <p>Nothing here opens a connection or resolves a name: values are checked by their form only.
 * Everything public here is immutable and thread-safe.
 */
package io.certgauge.config;
