package io.certgauge.probe;

/** Which resolved addresses of a name are probed. */
public enum IpFamily {
    ANY,
    IPV4,
    IPV6
}
