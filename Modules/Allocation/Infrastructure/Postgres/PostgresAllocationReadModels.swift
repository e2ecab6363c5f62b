import AllocationApplication
import AllocationContracts
import AllocationDomain
import Foundation
import Postgres
import Kernel

/// The read models `allocation.stock_levels` and `allocation.allocations_view`.
struct PostgresAllocationReadModels: AllocationReadModels {
    let db: any PostgresQueryable

    func refreshStockLevels(_ skus: [SKU]) async throws {
        guard !skus.isEmpty else { return }
        // One statement, one snapshot: the numbers and the version they belong to agree. A recomputation that
        // read an older version (a handler that ran late) leaves a newer row alone.
        try await db.execute(
            """
            INSERT INTO allocation.stock_levels AS level (sku, available, warehouse_available, next_eta, version)
            SELECT s.sku,
                   COALESCE(sum(b.purchased_quantity - b.allocated_quantity), 0),
                   COALESCE(sum(b.purchased_quantity - b.allocated_quantity) FILTER (WHERE b.eta IS NULL), 0),
                   min(b.eta) FILTER (WHERE b.eta IS NOT NULL AND b.purchased_quantity > b.allocated_quantity),
                   s.version
            FROM allocation.stock s LEFT JOIN allocation.batches b ON b.sku = s.sku
            WHERE s.sku = ANY ($1::text[])
            GROUP BY s.sku, s.version
            ON CONFLICT (sku) DO UPDATE
            SET available = EXCLUDED.available, warehouse_available = EXCLUDED.warehouse_available,
                next_eta = EXCLUDED.next_eta, version = EXCLUDED.version
            WHERE level.version < EXCLUDED.version
            """, [.textArray(skus.map(\.value))])
    }

    func refreshAllocations(of orderId: UUID) async throws {
        // The order's row serialises rebuilds of one order, so the last one to run read the newest allocations,
        // whatever order the events were delivered in.
        _ = try await db.query("SELECT 1 FROM allocation.orders WHERE order_id = $1 FOR UPDATE", [.uuid(orderId)])
        try await db.execute("DELETE FROM allocation.allocations_view WHERE order_id = $1", [.uuid(orderId)])
        try await db.execute(
            """
            INSERT INTO allocation.allocations_view (order_id, sku, batch_reference)
            SELECT order_id, sku, batch_reference FROM allocation.allocations WHERE order_id = $1
            """, [.uuid(orderId)])
    }

    func stockLevel(_ sku: SKU) async throws -> StockLevelDTO? {
        try await db.queryFirst(
            "SELECT available, warehouse_available, to_char(next_eta, 'YYYY-MM-DD') FROM allocation.stock_levels WHERE sku = $1",
            [.text(sku.value)]).map { row in
                StockLevelDTO(sku: sku.value, available: try row.decode(Int.self, at: 0),
                              warehouseAvailable: try row.decode(Int.self, at: 1), nextEta: try row.decode(String?.self, at: 2))
            }
    }

    func lineBatches(of orderId: UUID) async throws -> [LineBatchDTO] {
        try await db.query(
            """
            SELECT a.sku, a.batch_reference, b.eta IS NULL FROM allocation.allocations a
            JOIN allocation.batches b ON b.reference = a.batch_reference
            WHERE a.order_id = $1 ORDER BY a.sku
            """, [.uuid(orderId)]).map { row in
            LineBatchDTO(sku: try row.decode(String.self, at: 0), batchReference: try row.decode(String.self, at: 1),
                         inWarehouse: try row.decode(Bool.self, at: 2))
        }
    }

    func allocations(of orderId: UUID) async throws -> [AllocationViewDTO] {
        try await db.query("SELECT sku, batch_reference FROM allocation.allocations_view WHERE order_id = $1 ORDER BY sku",
                           [.uuid(orderId)]).map { row in
            AllocationViewDTO(sku: try row.decode(String.self, at: 0), batchReference: try row.decode(String.self, at: 1))
        }
    }
}
