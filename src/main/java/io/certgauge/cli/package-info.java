/**
 * The subcommands of the command line ({@code serve}, {@code demo}, {@code check}, {@code
 * inspect}): argument parsing, output for a person or a plugin host, and exit codes. Each command
 * wires the parts it needs and holds no logic of its own beyond presentation.
 */
package io.certgauge.cli;
