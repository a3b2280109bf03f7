package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.testing.TwoTenantStore;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What each command reads first: its tenant, kept in memory for a few seconds between commands. */
class TenantStoreTest extends TwoTenantStore {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aSettingChangedHereIsSeenByTheVeryNextCommand() {
        TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());
        Tenant before = tenants.findOrCreate(Platform.SLACK, "TA");

        tenants.setTimeZone(before.id(), PARIS);
        tenants.setWorkingHours(before.id(), LocalTime.of(8, 0), LocalTime.of(16, 0));

        Tenant after = tenants.findOrCreate(Platform.SLACK, "TA");
        assertEquals(PARIS, after.zone());
        assertEquals(LocalTime.of(16, 0), after.calendar().workdayEnd());
    }

    @Test
    void aSettingChangedOnAnotherReplicaIsSeenWithinFiveSeconds() {
        TenantStore here = new TenantStore(db, clock, new HolidayCalendars());
        TenantStore otherReplica = new TenantStore(db, clock, new HolidayCalendars());
        Tenant tenant = here.findOrCreate(Platform.SLACK, "TA");

        otherReplica.setTimeZone(tenant.id(), PARIS);

        assertEquals(tenant.zone(), here.findOrCreate(Platform.SLACK, "TA").zone(), "read a moment ago: not read again");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(PARIS, here.findOrCreate(Platform.SLACK, "TA").zone());
    }

    @Test
    void eachTenantIsRememberedApart() {
        TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());

        assertEquals(tenantA, tenants.findOrCreate(Platform.SLACK, "TA").id());
        assertEquals(tenantB, tenants.findOrCreate(Platform.SLACK, "TB").id());
        assertEquals(tenantA, tenants.findOrCreate(Platform.SLACK, "TA").id());
    }
}
