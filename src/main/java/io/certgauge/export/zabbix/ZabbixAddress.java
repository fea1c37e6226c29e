package io.certgauge.export.zabbix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One address of a target in {@code /zabbix/targets}; unknown fields are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ZabbixAddress(
        String address,
        int probeOk,
        String error,
        String message,
        Double daysLeft,
        Double chainDaysLeft,
        Long notAfter,
        Integer valid,
        List<String> findings,
        String serial,
        Long lastSuccess) {}
