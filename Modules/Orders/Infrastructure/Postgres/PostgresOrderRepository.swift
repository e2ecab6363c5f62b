import Foundation
import Kernel
import OrdersApplication
import OrdersDomain
import Postgres

/// Orders in `orders.orders`, their lines in `orders.order_lines` and history in `orders.status_history`, on a
/// pool or inside a transaction. An order reads back in one statement: its lines come as parallel arrays.
struct PostgresOrderRepository: OrderRepository {
    let db: any PostgresQueryable

    static let select = """
        SELECT o.id, o.customer_id, o.status, o.total_amount, o.currency, o.payment_id, o.created_at, o.updated_at,
               l.skus, l.quantities, l.prices, o.payment_refunded
        FROM orders.orders o
        CROSS JOIN LATERAL (
            SELECT array_agg(sku ORDER BY position) AS skus, array_agg(quantity::bigint ORDER BY position) AS quantities,
                   array_agg(unit_price_amount ORDER BY position) AS prices
            FROM orders.order_lines WHERE order_id = o.id) l
        """

    func order(id: UUID) async throws -> Order? {
        try await db.queryFirst("\(Self.select) WHERE o.id = $1", [.uuid(id)]).map(Self.order)
    }

    func orderForUpdate(id: UUID) async throws -> Order? {
        // Lock the order row first (the lateral join cannot be locked), then read it whole.
        guard try await db.queryFirst("SELECT 1 FROM orders.orders WHERE id = $1 FOR UPDATE", [.uuid(id)]) != nil else { return nil }
        return try await order(id: id)
    }

    func insert(_ order: Order, placed: StatusChange) async throws {
        // One round trip: the order, its lines (unnested from arrays) and its first history entry.
        try await db.execute(
            """
            WITH o AS (
                INSERT INTO orders.orders (id, customer_id, status, total_amount, currency, payment_id, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, NULL, $6, $6) RETURNING id),
            l AS (
                INSERT INTO orders.order_lines (order_id, position, sku, quantity, unit_price_amount)
                SELECT o.id, t.ord - 1, t.sku, t.quantity, t.price
                FROM o, unnest($7::text[], $8::bigint[], $9::bigint[]) WITH ORDINALITY AS t(sku, quantity, price, ord))
            INSERT INTO orders.status_history (order_id, seq, status, reason, at) SELECT o.id, 1, $3, $10, $6 FROM o
            """,
            [.uuid(order.id), .uuid(order.customerId), .text(order.status.rawValue), .int(Int(order.total.amount)),
             .text(order.total.currency.code), .timestamp(order.createdAt),
             .textArray(order.lines.map(\.sku)), .intArray(order.lines.map(\.quantity)),
             .intArray(order.lines.map { Int($0.unitPrice.amount) }), .text(placed.reason)])
    }

    func update(_ order: Order, change: StatusChange) async throws {
        try await db.execute(
            """
            WITH u AS (
                UPDATE orders.orders SET status = $2, payment_id = $3, updated_at = $4 WHERE id = $1 RETURNING id)
            INSERT INTO orders.status_history (order_id, seq, status, reason, at)
            SELECT u.id, (SELECT coalesce(max(seq), 0) + 1 FROM orders.status_history WHERE order_id = $1), $5, $6, $7 FROM u
            """,
            [.uuid(order.id), .text(order.status.rawValue), .optional(order.paymentId, PostgresValue.uuid),
             .timestamp(order.updatedAt), .text(change.status.rawValue), .text(change.reason), .timestamp(change.at)])
    }

    func recordRefund(_ order: Order, change: StatusChange) async throws {
        try await db.execute(
            """
            WITH u AS (UPDATE orders.orders SET payment_refunded = $2 WHERE id = $1 RETURNING id)
            INSERT INTO orders.status_history (order_id, seq, status, reason, at, amount, currency)
            SELECT u.id, (SELECT coalesce(max(seq), 0) + 1 FROM orders.status_history WHERE order_id = $1), $3, $4, $5, $6, $7 FROM u
            """,
            [.uuid(order.id), .bool(order.paymentRefunded), .text(change.status.rawValue), .text(change.reason),
             .timestamp(change.at), .optional(change.amount.map { Int($0.amount) }, PostgresValue.int),
             .optional(change.amount?.currency.code, PostgresValue.text)])
    }

    func history(orderId: UUID) async throws -> [StatusChange] {
        try await db.query("SELECT status, reason, at, amount, currency FROM orders.status_history WHERE order_id = $1 ORDER BY seq",
                           [.uuid(orderId)]).map { row in
            var amount: Money?
            if let value = try row.decode(Int64?.self, at: 3) {
                amount = Money(amount: value, currency: try row.decode(Currency.self, at: 4, stored: Currency.init))
            }
            return StatusChange(status: try row.decode(OrderStatus.self, at: 0), at: try row.decode(Date.self, at: 2),
                                reason: try row.decode(String.self, at: 1), amount: amount)
        }
    }

    func list(_ filter: OrderFilter, page: PageRequest) async throws -> [Order] {
        // Only the conditions in use are written, each value a bound parameter, so every combination is its own
        // prepared statement whose plan can walk the matching (…, created_at DESC, id DESC) index.
        var conditions: [String] = []
        var parameters: [PostgresValue] = []
        func bind(_ value: PostgresValue) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        if let customer = filter.customerId { conditions.append("o.customer_id = \(bind(.uuid(customer)))") }
        if let status = filter.status { conditions.append("o.status = \(bind(.text(status.rawValue)))") }
        if let after = page.after?.values {
            guard after.count == 2, let micros = Int(after[0]), let id = UUID(uuidString: after[1]) else {
                throw DomainError.invalidCursor
            }
            conditions.append("(o.created_at, o.id) < ('epoch'::timestamptz + \(bind(.int(micros)))::bigint * interval '1 microsecond', \(bind(.uuid(id)))::uuid)")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "\(Self.select) \(whereClause) ORDER BY o.created_at DESC, o.id DESC LIMIT \(bind(.int(page.limit + 1)))"
        return try await db.query(sql, parameters).map(Self.order)
    }

    static func order(_ row: PostgresRow) throws -> Order {
        let currency = try row.decode(Currency.self, at: 4, stored: Currency.init)
        let skus = try row.decode([String]?.self, at: 8) ?? []
        let quantities = try row.decode([Int]?.self, at: 9) ?? []
        let prices = try row.decode([Int64]?.self, at: 10) ?? []
        let lines = zip(skus, zip(quantities, prices)).map { sku, rest in
            OrderLine(sku: sku, quantity: rest.0, unitPrice: Money(amount: rest.1, currency: currency))
        }
        return Order(id: try row.decode(UUID.self, at: 0), customerId: try row.decode(UUID.self, at: 1),
                     status: try row.decode(OrderStatus.self, at: 2),
                     lines: lines, total: Money(amount: try row.decode(Int64.self, at: 3), currency: currency),
                     paymentId: try row.decode(UUID?.self, at: 5), paymentRefunded: try row.decode(Bool.self, at: 11), createdAt: try row.decode(Date.self, at: 6),
                     updatedAt: try row.decode(Date.self, at: 7))
    }
}
