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
}
