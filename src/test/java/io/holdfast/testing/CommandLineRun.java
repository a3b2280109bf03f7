package io.holdfast.testing;

import io.holdfast.account.AccountStore;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.Database;
import io.holdfast.store.TenantStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI command (import, export) run against a real SQLite file the test fills first, with the
 * environment pointing at that file and what the command prints captured.
 */
public abstract class CommandLineRun {
    @TempDir
    protected Path dir;
    protected final TestClock clock;
    protected final AccountStore accounts;
    protected Database db;
    protected TenantStore tenants;
    protected Map<String, String> env;
    protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
    protected final ByteArrayOutputStream err = new ByteArrayOutputStream();

    protected CommandLineRun(Instant now) {
        clock = TestClock.at(now);
        accounts = new AccountStore(clock);
    }

    @BeforeEach
    void openDatabase() {
        String url = TestDatabases.freshUrl(dir);
        db = TestDatabases.open(url);
        db.migrate();
        tenants = new TenantStore(db, clock, new HolidayCalendars());
        env = Map.of("HOLDFAST_DB_URL", url);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

}
