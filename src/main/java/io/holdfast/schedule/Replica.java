package io.holdfast.schedule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Names this process among the replicas sharing a database: in outbox claims and Quartz's cluster table. */
public final class Replica {
    private Replica() {
    }

    /** Host name plus a random suffix: unique per process even when a host restarts one, and readable in the tables. */
    public static String newName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
