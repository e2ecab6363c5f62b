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
               l.skus, l.quantities, l.prices, l.dates, o.resume_status, o.payment_due_at, o.payment_refunded,
               l.shipped, o.ship_name, o.ship_line1, o.ship_line2, o.ship_city, o.ship_postal_code, o.ship_country, o.ship_phone
        FROM orders.orders o
        CROSS JOIN LATERAL (
            SELECT array_agg(sku ORDER BY position) AS skus, array_agg(quantity::bigint ORDER BY position) AS quantities,
                   array_agg(unit_price_amount ORDER BY position) AS prices,
                   array_agg(to_char(expected_ship_date, 'YYYY-MM-DD') ORDER BY position) AS dates,
                   array_agg(shipped_quantity::bigint ORDER BY position) AS shipped
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
                INSERT INTO orders.orders (id, customer_id, status, total_amount, currency, payment_id, created_at, updated_at,
                                           ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, ship_phone)
                VALUES ($1, $2, $3, $4, $5, NULL, $6, $6, $13, $14, $15, $16, $17, $18, $19) RETURNING id),
            l AS (
                INSERT INTO orders.order_lines (order_id, position, sku, quantity, unit_price_amount)
                SELECT o.id, t.ord - 1, t.sku, t.quantity, t.price
                FROM o, unnest($7::text[], $8::bigint[], $9::bigint[]) WITH ORDINALITY AS t(sku, quantity, price, ord))
            INSERT INTO orders.status_history (order_id, seq, status, reason, at, actor_type, actor_id)
            SELECT o.id, 1, $3, $10, $6, $11, $12 FROM o
            """,
            [.uuid(order.id), .uuid(order.customerId), .text(order.status.rawValue), .int(Int(order.total.amount)),
             .text(order.total.currency.code), .timestamp(order.createdAt),
             .textArray(order.lines.map(\.sku)), .intArray(order.lines.map(\.quantity)),
             .intArray(order.lines.map { Int($0.unitPrice.amount) }), .text(placed.reason),
             .text(placed.actor.type.rawValue), .optional(placed.actor.id, PostgresValue.uuid)] + Self.addressValues(order.shippingAddress))
    }

    /// The seven `ship_*` columns' values, in the table's order; all `NULL` without an address.
    static func addressValues(_ address: Address?) -> [PostgresValue] {
        [.optional(address?.name, PostgresValue.text), .optional(address?.line1, PostgresValue.text),
         .optional(address?.line2, PostgresValue.text), .optional(address?.city, PostgresValue.text),
         .optional(address?.postalCode, PostgresValue.text), .optional(address?.country, PostgresValue.text),
         .optional(address?.phone, PostgresValue.text)]
    }

    func updateShippingAddress(_ order: Order) async throws {
        try await db.execute(
            """
            UPDATE orders.orders SET updated_at = $2, ship_name = $3, ship_line1 = $4, ship_line2 = $5, ship_city = $6,
                   ship_postal_code = $7, ship_country = $8, ship_phone = $9
            WHERE id = $1
            """, [.uuid(order.id), .timestamp(order.updatedAt)] + Self.addressValues(order.shippingAddress))
    }

    func recordShipment(_ shipment: Shipment, of order: Order, change: StatusChange) async throws {
        try await update(order, change: change)
        // The lines' shipped quantities, the shipment and its lines: one round trip. The table's CHECK keeps a line
        // from ever shipping more than was ordered, whatever a caller got wrong.
        try await db.execute(
            """
            WITH l AS (
                UPDATE orders.order_lines l SET shipped_quantity = t.shipped
                FROM unnest($2::text[], $3::bigint[]) AS t(sku, shipped)
                WHERE l.order_id = $1 AND l.sku = t.sku AND l.shipped_quantity <> t.shipped),
            s AS (
                INSERT INTO orders.shipments (id, order_id, carrier, tracking_number, created_at)
                VALUES ($4, $1, $5, $6, $7) RETURNING id)
            INSERT INTO orders.shipment_lines (shipment_id, position, sku, quantity)
            SELECT s.id, t.ord - 1, t.sku, t.quantity FROM s, unnest($8::text[], $9::bigint[]) WITH ORDINALITY AS t(sku, quantity, ord)
            """,
            [.uuid(order.id), .textArray(order.lines.map(\.sku)), .intArray(order.lines.map(\.shippedQuantity)),
             .uuid(shipment.id), .optional(shipment.carrier, PostgresValue.text),
             .optional(shipment.trackingNumber, PostgresValue.text), .timestamp(shipment.createdAt),
             .textArray(shipment.lines.map(\.sku)), .intArray(shipment.lines.map(\.quantity))])
    }

    func shipments(orderId: UUID) async throws -> [Shipment] {
        try await db.query(
            """
            SELECT s.id, s.carrier, s.tracking_number, s.created_at, l.skus, l.quantities
            FROM orders.shipments s
            CROSS JOIN LATERAL (
                SELECT array_agg(sku ORDER BY position) AS skus, array_agg(quantity::bigint ORDER BY position) AS quantities
                FROM orders.shipment_lines WHERE shipment_id = s.id) l
            WHERE s.order_id = $1 ORDER BY s.created_at, s.id
            """, [.uuid(orderId)]).map { row in
            let skus = try row.decode([String]?.self, at: 4) ?? []
            let quantities = try row.decode([Int]?.self, at: 5) ?? []
            return Shipment(id: try row.decode(UUID.self, at: 0), orderId: orderId,
                            lines: zip(skus, quantities).map { Shipment.Line(sku: $0, quantity: $1) },
                            carrier: try row.decode(String?.self, at: 1), trackingNumber: try row.decode(String?.self, at: 2),
                            createdAt: try row.decode(Date.self, at: 3))
        }
    }

    func update(_ order: Order, change: StatusChange) async throws {
        try await db.execute(
            """
            WITH u AS (
                UPDATE orders.orders SET status = $2, payment_id = $3, updated_at = $4, resume_status = $8, payment_due_at = $9
                WHERE id = $1 RETURNING id)
            INSERT INTO orders.status_history (order_id, seq, status, reason, at, actor_type, actor_id)
            SELECT u.id, (SELECT coalesce(max(seq), 0) + 1 FROM orders.status_history WHERE order_id = $1), $5, $6, $7, $10, $11 FROM u
            """,
            [.uuid(order.id), .text(order.status.rawValue), .optional(order.paymentId, PostgresValue.uuid),
             .timestamp(order.updatedAt), .text(change.status.rawValue), .text(change.reason), .timestamp(change.at),
             .optional(order.resumeStatus?.rawValue, PostgresValue.text), .optional(order.paymentDueAt, PostgresValue.timestamp),
             .text(change.actor.type.rawValue), .optional(change.actor.id, PostgresValue.uuid)])
    }

    func updateShipDates(_ order: Order) async throws {
        try await db.execute(
            """
            UPDATE orders.order_lines l SET expected_ship_date = t.date::date
            FROM unnest($2::text[], $3::text[]) AS t(sku, date)
            WHERE l.order_id = $1 AND l.sku = t.sku AND l.expected_ship_date IS DISTINCT FROM t.date::date
            """,
            [.uuid(order.id), .textArray(order.lines.map(\.sku)), .textArray(order.lines.map(\.expectedShipDate))])
    }

    func recordRefund(_ order: Order, change: StatusChange) async throws {
        try await db.execute(
            """
            WITH u AS (UPDATE orders.orders SET payment_refunded = $2 WHERE id = $1 RETURNING id)
            INSERT INTO orders.status_history (order_id, seq, status, reason, at, amount, currency, actor_type, actor_id)
            SELECT u.id, (SELECT coalesce(max(seq), 0) + 1 FROM orders.status_history WHERE order_id = $1), $3, $4, $5, $6, $7, $8, $9
            FROM u
            """,
            [.uuid(order.id), .bool(order.paymentRefunded), .text(change.status.rawValue), .text(change.reason),
             .timestamp(change.at), .optional(change.amount.map { Int($0.amount) }, PostgresValue.int),
             .optional(change.amount?.currency.code, PostgresValue.text),
             .text(change.actor.type.rawValue), .optional(change.actor.id, PostgresValue.uuid)])
    }

    func awaitingPayment(dueBefore cutoff: Date, limit: Int) async throws -> [UUID] {
        try await db.query(
            """
            SELECT id FROM orders.orders WHERE status = 'awaiting_payment' AND payment_due_at <= $1
            ORDER BY payment_due_at LIMIT $2
            """, [.timestamp(cutoff), .int(limit)]).map { try $0.decode(UUID.self, at: 0) }
    }

    func history(orderId: UUID) async throws -> [StatusChange] {
        try await db.query(
            """
            SELECT status, reason, at, actor_type, actor_id, amount, currency FROM orders.status_history
            WHERE order_id = $1 ORDER BY seq
            """, [.uuid(orderId)]).map { row in
            var amount: Money?
            if let value = try row.decode(Int64?.self, at: 5) {
                amount = Money(amount: value, currency: try row.decode(Currency.self, at: 6, stored: Currency.init))
            }
            return StatusChange(status: try row.decode(OrderStatus.self, at: 0), at: try row.decode(Date.self, at: 2),
                                reason: try row.decode(String.self, at: 1),
                                actor: Agent(type: try row.decode(Agent.Kind.self, at: 3), id: try row.decode(UUID?.self, at: 4)),
                                amount: amount)
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
        let dates = try row.decode([String?]?.self, at: 11) ?? []
        let shipped = try row.decode([Int]?.self, at: 15) ?? []
        let lines = skus.indices.map { index in
            OrderLine(sku: skus[index], quantity: quantities[index], unitPrice: Money(amount: prices[index], currency: currency),
                      expectedShipDate: dates.indices.contains(index) ? dates[index] : nil,
                      shippedQuantity: shipped.indices.contains(index) ? shipped[index] : 0)
        }
        var address: Address?
        if let name = try row.decode(String?.self, at: 16) {
            address = Address(stored: name, line1: try row.decode(String.self, at: 17), line2: try row.decode(String?.self, at: 18),
                              city: try row.decode(String.self, at: 19), postalCode: try row.decode(String.self, at: 20),
                              country: try row.decode(String.self, at: 21), phone: try row.decode(String?.self, at: 22))
        }
        return Order(id: try row.decode(UUID.self, at: 0), customerId: try row.decode(UUID.self, at: 1),
                     status: try row.decode(OrderStatus.self, at: 2),
                     lines: lines, total: Money(amount: try row.decode(Int64.self, at: 3), currency: currency),
                     paymentId: try row.decode(UUID?.self, at: 5), paymentRefunded: try row.decode(Bool.self, at: 14),
                     createdAt: try row.decode(Date.self, at: 6), updatedAt: try row.decode(Date.self, at: 7),
                     resumeStatus: row.isNull(at: 12) ? nil : try row.decode(OrderStatus.self, at: 12), paymentDueAt: try row.decode(Date?.self, at: 13),
                     shippingAddress: address)
    }
}
