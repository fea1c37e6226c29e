/**
 * The x509-limbo harness: runs every SERVER testcase of the public x509-limbo suite through
 * certgauge's {@link io.certgauge.chain.Analyzer} and grades its verdicts, so path validation is
 * measured against the suite other validators report on.
 *
 * <p>Belongs here: reading the suite, putting a testcase to the Analyzer, counting agreement and
 * writing {@code docs/validation.md}. Does not belong here: validation rules, which live in {@code
 * io.certgauge.chain} and are unit-tested there.
 */
package io.certgauge.limbo;
