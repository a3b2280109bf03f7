package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import io.holdfast.testing.Engine;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** OAuth states across two replicas on one database, alike on SQLite and PostgreSQL: issued for free, accepted once. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class OAuthStateStoreTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    static final Duration VALID = Duration.ofMinutes(10);

    @Parameter
    Engine engine;
    @TempDir
    Path dir;
    final TestClock clock = TestClock.at(NOW);
    final List<Database> databases = new ArrayList<>();
    String url;
    OAuthStateStore replicaA;
    OAuthStateStore replicaB;

    @BeforeEach
    void twoReplicas() {
        url = TestDatabases.freshUrl(engine, dir);
        replicaA = new OAuthStateStore(open(), clock, KEY);
        replicaB = new OAuthStateStore(open(), clock, KEY);
    }

    private Database open() {
        Database db = TestDatabases.open(url);
        databases.add(db);
        db.migrate();
        return db;
    }

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    private long used() {
        return databases.get(0).read(c -> Sql.count(c, "SELECT COUNT(*) FROM slack_oauth_states"));
    }

    @Test
    void issuingStatesWritesNothing() {
        for (int i = 0; i < 1000; i++) {
            replicaA.issue(VALID);
        }

        assertEquals(0, used());
    }

    @Test
    void aStateIssuedOnOneReplicaIsAcceptedOnAnotherAndThenNeverAgain() {
        String state = replicaA.issue(VALID);

        assertTrue(replicaB.consume(state));
        assertFalse(replicaA.consume(state), "a replay on the replica that issued it");
        assertFalse(replicaB.consume(state), "a replay on the one that accepted it");
        assertEquals(1, used());
    }

    @Test
    void aForgedOrExpiredStateIsRefusedWithoutTouchingTheDatabase() {
        Database down = TestDatabases.open(url);
        down.close();
        OAuthStateStore offline = new OAuthStateStore(down, clock, KEY);
        String otherKeys = new OAuthStateStore(databases.get(0), clock, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").issue(VALID);
        String ours = replicaA.issue(VALID);
        String badMac = ours.substring(0, ours.length() - 1) + (ours.endsWith("A") ? "B" : "A");

        assertFalse(offline.consume(otherKeys), "signed with another key");
        assertFalse(offline.consume(badMac), "a MAC that does not match");
        assertFalse(offline.consume("made-up"));
        clock.advance(VALID);
        assertFalse(offline.consume(ours), "expired");
        assertFalse(replicaA.consume(ours), "expired, with the database up too");
        assertEquals(0, used());
    }

    @Test
    void twoReplicasRacingWithOneStateAcceptItOnce() throws Exception {
        ExecutorService redirects = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String state = replicaA.issue(VALID);
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> onA = redirects.submit(() -> {
                    go.await();
                    return replicaA.consume(state);
                });
                Future<Boolean> onB = redirects.submit(() -> {
                    go.await();
                    return replicaB.consume(state);
                });
                go.countDown();

                assertTrue(onA.get() ^ onB.get(), "round " + round + ": exactly one replica accepts the state");
            }
        } finally {
            redirects.shutdownNow();
        }
        assertEquals(20, used());
    }

    @Test
    void usedStatesAreForgottenSomeMinutesAfterTheyExpire() {
        replicaA.consume(replicaA.issue(VALID));
        clock.advance(VALID.plusMinutes(11));

        assertTrue(replicaA.consume(replicaA.issue(VALID)));

        assertEquals(1, used(), "only the state still valid is remembered");
    }
}
