package io.holdfast.risk;

import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/** A tenant's risk weights: only weights the tenant changed have a row; the rest keep the defaults. */
public final class RiskWeightStore {

    public RiskWeights load(Connection c, long tenantId) throws SQLException {
        RiskWeights weights = RiskWeights.defaults();
        for (Row row : Sql.list(c, "SELECT signal, weight FROM risk_weights WHERE tenant_id = ?",
                rs -> new Row(rs.getString(1), rs.getInt(2)), tenantId)) {
            // A row naming a weight this version no longer has must not stop the tenant's digest.
            if (Arrays.stream(RiskWeights.Weight.values()).anyMatch(w -> w.name().equals(row.signal()))) {
                weights = weights.with(RiskWeights.Weight.valueOf(row.signal()), row.weight());
            }
        }
        return weights;
    }

    public void set(Connection c, long tenantId, RiskWeights.Weight weight, int value) throws SQLException {
        if (value < 0) {
            throw new IllegalArgumentException("risk weight " + weight + " must be 0 or more, not " + value);
        }
        Sql.update(c, "INSERT INTO risk_weights (tenant_id, signal, weight) VALUES (?, ?, ?) "
                + "ON CONFLICT (tenant_id, signal) DO UPDATE SET weight = excluded.weight", tenantId, weight.name(), value);
    }

    private record Row(String signal, int weight) {}
}
