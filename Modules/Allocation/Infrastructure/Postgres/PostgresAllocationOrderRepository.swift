import AllocationApplication
import AllocationDomain
import Foundation
import Postgres
import Kernel

/// The orders Allocation heard of, in `allocation.orders`.
struct PostgresAllocationOrderRepository: AllocationOrderRepository {
    let db: any PostgresQueryable

    func insert(_ order: KnownOrder) async throws -> Bool {
        try await db.execute(
            "INSERT INTO allocation.orders (order_id, customer_id, status) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING",
            [.uuid(order.orderId), .uuid(order.customerId), .text(order.status.rawValue)]) == 1
    }

    func order(_ orderId: UUID) async throws -> KnownOrder? {
        try await db.queryFirst("SELECT customer_id, status FROM allocation.orders WHERE order_id = $1", [.uuid(orderId)])
            .map { row in
                KnownOrder(orderId: orderId, customerId: try row.decode(UUID.self, at: 0),
                           status: try row.decode(AllocationOrderStatus.self, at: 1))
            }
    }

    func setStatus(_ orderId: UUID, _ status: AllocationOrderStatus) async throws {
        try await db.execute("UPDATE allocation.orders SET status = $2, updated_at = now() WHERE order_id = $1",
                             [.uuid(orderId), .text(status.rawValue)])
    }

    func allocatedSKUs(_ orderId: UUID) async throws -> [SKU] {
        try await db.query("SELECT sku FROM allocation.allocations WHERE order_id = $1 ORDER BY sku", [.uuid(orderId)])
            .map { SKU(stored: try $0.decode(String.self, at: 0)) }
    }

    func addBackorder(_ line: OrderLine) async throws {
        try await db.execute(
            """
            INSERT INTO allocation.backorders (order_id, sku, quantity) VALUES ($1, $2, $3)
            ON CONFLICT (order_id, sku) DO UPDATE SET quantity = EXCLUDED.quantity
            """, [.uuid(line.orderId), .text(line.sku.value), .int(line.quantity)])
    }

    func backorders(of sku: SKU) async throws -> [OrderLine] {
        try await db.query(
            """
            SELECT b.order_id, b.quantity FROM allocation.backorders b JOIN allocation.orders o USING (order_id)
            WHERE b.sku = $1 AND o.status = 'allocated' ORDER BY o.seq
            """, [.text(sku.value)]).map { row in
            OrderLine(orderId: try row.decode(UUID.self, at: 0), sku: sku, quantity: try row.decode(Int.self, at: 1))
        }
    }

    func lockAllocated(_ orders: [UUID]) async throws -> Set<UUID> {
        guard !orders.isEmpty else { return [] }
        // Every row is locked (released ones too), oldest first, the same order in every transaction.
        let rows = try await db.query(
            "SELECT order_id, status FROM allocation.orders WHERE order_id = ANY ($1::uuid[]) ORDER BY seq FOR UPDATE",
            [.uuidArray(orders)])
        var allocated: Set<UUID> = []
        for row in rows where try row.decode(AllocationOrderStatus.self, at: 1) == .allocated {
            allocated.insert(try row.decode(UUID.self, at: 0))
        }
        return allocated
    }

    func removeBackorder(orderId: UUID, sku: SKU) async throws {
        try await db.execute("DELETE FROM allocation.backorders WHERE order_id = $1 AND sku = $2", [.uuid(orderId), .text(sku.value)])
    }

    func removeBackorders(_ orderId: UUID) async throws {
        try await db.execute("DELETE FROM allocation.backorders WHERE order_id = $1", [.uuid(orderId)])
    }

    func backorderCount(_ orderId: UUID) async throws -> Int {
        try await db.queryFirst("SELECT count(*) FROM allocation.backorders WHERE order_id = $1", [.uuid(orderId)])?
            .decode(Int.self, at: 0) ?? 0
    }
}
