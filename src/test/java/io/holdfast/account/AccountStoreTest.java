package io.holdfast.account;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Sql;
import io.holdfast.testing.TwoTenantStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accounts are created on first mention and recognised however people type them, within one tenant. */
class AccountStoreTest extends TwoTenantStore {


    private Account mention(long tenant, String name) {
        return db.write(c -> accounts.findOrCreate(c, tenant, name));
    }

    @Test
    void caseAndSpacingDoNotMakeANewAccount() {
        List<String> spellings = List.of("Acme Corp", "acme corp", " ACME   CORP ", "Acme\tCorp", "aCmE cOrP");

        List<Account> found = spellings.stream().map(name -> mention(tenantA, name)).toList();

        Account first = found.get(0);
        assertAll(found.stream().map(a -> () -> assertEquals(first, a, "same account, first display name kept")));
        assertEquals("Acme Corp", first.name());
        long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM accounts"));
        assertEquals(1, rows);
        for (String spelling : spellings) {
            assertEquals(first, db.read(c -> accounts.find(c, tenantA, spelling)).orElseThrow(), spelling);
        }
    }

    @Test
    void theFirstMentionNamesTheAccountWithItsSpacingTidied() {
        Account created = mention(tenantA, "  ACME   Corp ");

        assertEquals("ACME Corp", created.name(), "as first typed, without the stray spaces");
        assertEquals("ACME Corp", mention(tenantA, "Acme Corp").name(), "a later spelling does not rename it");
    }

    @Test
    void differentNamesAreDifferentAccounts() {
        Account acme = mention(tenantA, "Acme Corp");
        Account acmeInc = mention(tenantA, "Acme Inc");
        Account acmeShort = mention(tenantA, "Acme");

        assertEquals(3, List.of(acme.id(), acmeInc.id(), acmeShort.id()).stream().distinct().count());
    }

    @Test
    void eachTenantHasItsOwnAccounts() {
        Account inA = mention(tenantA, "Acme Corp");
        Account inB = mention(tenantB, "acme corp");

        assertNotEquals(inA.id(), inB.id());
        assertEquals(tenantA, inA.tenantId());
        assertEquals(tenantB, inB.tenantId());
        assertEquals("acme corp", inB.name(), "tenant B's first mention names B's account");
        assertEquals(inA, db.read(c -> accounts.find(c, tenantA, "ACME CORP")).orElseThrow());
        assertTrue(db.read(c -> accounts.find(c, tenantB, "Globex")).isEmpty());
    }

    @Test
    void normalisingIgnoresCaseAndRunsOfWhitespace() {
        Map<String, String> cases = Map.of(
                "Acme Corp", "acme corp",
                " ACME   CORP ", "acme corp",
                "Acme\t\nCorp", "acme corp",
                "Globex", "globex");

        assertAll(cases.entrySet().stream().map(e -> () -> assertEquals(e.getValue(), AccountStore.normalize(e.getKey()), e.getKey())));
    }
}
