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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A migrated database with two tenants, so each store test can show that reads stay inside their
 * tenant. Every suite built on it runs once per engine: the same assertions on SQLite and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
public abstract class TwoTenantStore {
    /** Tuesday 24 Nov 2026, 15:00:00.123456789 UTC: more precision than the store keeps. */
    protected static final Instant NOW = Instant.parse("2026-11-24T15:00:00.123456789Z");

    @Parameter
    protected Engine engine;
    @TempDir
    protected Path dir;
    protected Database db;
    protected TestClock clock;
    protected AccountStore accounts;
    protected long tenantA;
    protected long tenantB;

    @BeforeEach
    void openStore() {
        db = TestDatabases.migrated(engine, dir);
        clock = TestClock.at(NOW);
        accounts = new AccountStore(clock);
        TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());
        tenantA = tenants.findOrCreate(Platform.SLACK, "TA").id();
        tenantB = tenants.findOrCreate(Platform.SLACK, "TB").id();
    }

    @AfterEach
    void closeStore() {
        // null when the engine is not available here and the test was aborted before it opened one
        if (db != null) {
            db.close();
        }
    }
}
