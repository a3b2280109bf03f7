package io.holdfast.testing;

import io.holdfast.account.AccountStore;
import io.holdfast.core.Platform;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.Database;
import io.holdfast.store.TenantStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A migrated SQLite file with two tenants, so each store test can show that reads stay inside their tenant. */
public abstract class TwoTenantStore {
    /** Tuesday 24 Nov 2026, 15:00:00.123456789 UTC: more precision than the store keeps. */
    protected static final Instant NOW = Instant.parse("2026-11-24T15:00:00.123456789Z");

    @TempDir
    protected Path dir;
    protected Database db;
    protected TestClock clock;
    protected AccountStore accounts;
    protected long tenantA;
    protected long tenantB;

    @BeforeEach
    void openStore() {
        db = TestDatabases.migrated(dir);
        clock = TestClock.at(NOW);
        accounts = new AccountStore(clock);
        TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());
        tenantA = tenants.findOrCreate(Platform.SLACK, "TA").id();
        tenantB = tenants.findOrCreate(Platform.SLACK, "TB").id();
    }

    @AfterEach
    void closeStore() {
        db.close();
    }
}
