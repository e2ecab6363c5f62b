import AllocationApplication
import AllocationContracts
import AllocationDomain
import Foundation
import Kernel
import Postgres

/// Stock aggregates in `allocation.stock`, `allocation.batches` and `allocation.allocations`.
struct PostgresStockRepository: StockRepository {
    let db: any PostgresQueryable

    func stock(_ skus: [SKU], lines: LinesToLoad, lock: Bool) async throws -> [Stock] {
        guard !skus.isEmpty else { return [] }
        let keys = PostgresValue.textArray(Set(skus).sorted().map(\.value))
        if lines == .noLines && !lock { return try await batchesOnly(keys) }
        // ORDER BY under FOR UPDATE: rows are locked in SKU order, the same in every use case.
        let roots = try await db.query(
            "SELECT sku, version FROM allocation.stock WHERE sku = ANY ($1::text[]) ORDER BY sku\(lock ? " FOR UPDATE" : "")", [keys])
        guard !roots.isEmpty else { return [] }
        let batchRows = try await db.query(
            """
            SELECT reference, sku, purchased_quantity, allocated_quantity, to_char(eta, 'YYYY-MM-DD')
            FROM allocation.batches WHERE sku = ANY ($1::text[]) ORDER BY sku, reference
            """, [keys])
        let lineRows: [PostgresRow]
        switch lines {
        case .all:
            lineRows = Array(try await db.query(
                "SELECT order_id, sku, batch_reference, quantity FROM allocation.allocations WHERE sku = ANY ($1::text[]) ORDER BY position",
                [keys]))
        case .order(let orderId):
            lineRows = Array(try await db.query(
                "SELECT order_id, sku, batch_reference, quantity FROM allocation.allocations WHERE order_id = $1 AND sku = ANY ($2::text[])",
                [.uuid(orderId), keys]))
        case .noLines:
            lineRows = []
        }
        var linesByBatch: [String: [OrderLine]] = [:]
        for row in lineRows {
            let line = OrderLine(orderId: try row.decode(UUID.self, at: 0), sku: try Self.sku(row, at: 1),
                                 quantity: try row.decode(Int.self, at: 3))
            linesByBatch[try row.decode(String.self, at: 2), default: []].append(line)
        }
        var batchesBySKU: [SKU: [Batch]] = [:]
        for row in batchRows {
            let reference = try row.decode(String.self, at: 0)
            let sku = try Self.sku(row, at: 1)
            let loaded = linesByBatch[reference] ?? []
            let allocated = try row.decode(Int.self, at: 3)
            batchesBySKU[sku, default: []].append(Batch(
                reference: BatchReference(stored: reference), sku: sku, purchasedQuantity: try row.decode(Int.self, at: 2),
                eta: row.isNull(at: 4) ? nil : try row.decode(ArrivalDate.self, at: 4, stored: { try? ArrivalDate($0) }),
                allocations: loaded, unlistedQuantity: allocated - loaded.reduce(0) { $0 + $1.quantity }))
        }
        return try roots.map { row in
            let sku = try Self.sku(row, at: 0)
            return Stock(sku: sku, batches: batchesBySKU[sku] ?? [], version: try row.decode(Int64.self, at: 1))
        }
    }

    /// The stock without lines and without a lock (a quote's read) in one statement: each SKU's version and batches.
    private func batchesOnly(_ keys: PostgresValue) async throws -> [Stock] {
        let rows = try await db.query(
            """
            SELECT s.sku, s.version, b.reference, b.purchased_quantity, b.allocated_quantity, to_char(b.eta, 'YYYY-MM-DD')
            FROM allocation.stock s LEFT JOIN allocation.batches b ON b.sku = s.sku
            WHERE s.sku = ANY ($1::text[]) ORDER BY s.sku, b.reference
            """, [keys])
        var result: [Stock] = []
        var current: (sku: SKU, version: Int64, batches: [Batch])?
        for row in rows {
            let sku = try Self.sku(row, at: 0)
            if current?.sku != sku {
                if let done = current { result.append(Stock(sku: done.sku, batches: done.batches, version: done.version)) }
                current = (sku, try row.decode(Int64.self, at: 1), [])
            }
            guard !row.isNull(at: 2) else { continue }
            current?.batches.append(Batch(
                reference: BatchReference(stored: try row.decode(String.self, at: 2)), sku: sku,
                purchasedQuantity: try row.decode(Int.self, at: 3),
                eta: row.isNull(at: 5) ? nil : try row.decode(ArrivalDate.self, at: 5, stored: { try? ArrivalDate($0) }),
                unlistedQuantity: try row.decode(Int.self, at: 4)))
        }
        if let done = current { result.append(Stock(sku: done.sku, batches: done.batches, version: done.version)) }
        return result
    }

    func register(_ sku: SKU) async throws {
        try await db.execute("INSERT INTO allocation.stock (sku) VALUES ($1) ON CONFLICT (sku) DO NOTHING", [.text(sku.value)])
    }

    func save(_ stock: Stock, original: Stock) async throws -> Bool {
        let bumped = try await db.execute("UPDATE allocation.stock SET version = version + 1 WHERE sku = $1 AND version = $2",
                                          [.text(stock.sku.value), .int(Int(original.version))])
        guard bumped == 1 else { return false }
        let before = Self.placements(original)
        let after = Self.placements(stock)
        // Lines leave first, then batches change, then lines arrive: the never-oversold CHECK holds after each.
        for (key, placement) in before where after[key] != placement {
            try await db.execute("DELETE FROM allocation.allocations WHERE order_id = $1 AND sku = $2 AND batch_reference = $3",
                                 [.uuid(key), .text(stock.sku.value), .text(placement.batch)])
        }
        let originalBatches = Dictionary(uniqueKeysWithValues: original.batches.map { ($0.reference, $0) })
        for batch in stock.batches {
            if let old = originalBatches[batch.reference] {
                guard old.purchasedQuantity != batch.purchasedQuantity || old.eta != batch.eta else { continue }
                try await db.execute("UPDATE allocation.batches SET purchased_quantity = $2, eta = $3::date WHERE reference = $1",
                                     [.text(batch.reference.value), .int(batch.purchasedQuantity),
                                      .optional(batch.eta?.text, PostgresValue.text)])
            } else {
                try await insert(batch)
            }
        }
        for (key, placement) in after where before[key] != placement {
            try await db.execute(
                "INSERT INTO allocation.allocations (order_id, sku, batch_reference, quantity) VALUES ($1, $2, $3, $4)",
                [.uuid(key), .text(stock.sku.value), .text(placement.batch), .int(placement.quantity)])
        }
        return true
    }

    private func insert(_ batch: Batch) async throws {
        do {
            try await db.execute(
                "INSERT INTO allocation.batches (reference, sku, purchased_quantity, eta) VALUES ($1, $2, $3, $4::date)",
                [.text(batch.reference.value), .text(batch.sku.value), .int(batch.purchasedQuantity),
                 .optional(batch.eta?.text, PostgresValue.text)])
        } catch {
            // (A `catch … where` on this typed throw crashes the 6.3 compiler's SIL ownership check.)
            if error.kind == .uniqueViolation && error.constraint == "batches_pkey" { throw Stock.batchExists }
            throw error
        }
    }

    /// Each loaded line of the stock by order id (a SKU has one line per order): its batch and quantity.
    private static func placements(_ stock: Stock) -> [UUID: Placement] {
        var result: [UUID: Placement] = [:]
        for batch in stock.batches {
            for line in batch.allocations { result[line.orderId] = Placement(batch: batch.reference.value, quantity: line.quantity) }
        }
        return result
    }

    private struct Placement: Equatable {
        var batch: String
        var quantity: Int
    }

    func sku(ofBatch reference: BatchReference) async throws -> SKU? {
        try await db.queryFirst("SELECT sku FROM allocation.batches WHERE reference = $1", [.text(reference.value)])
            .map { try Self.sku($0, at: 0) }
    }

    static let batchColumns = "reference, sku, purchased_quantity, allocated_quantity, to_char(eta, 'YYYY-MM-DD')"

    func batch(_ reference: BatchReference) async throws -> BatchDTO? {
        try await db.queryFirst("SELECT \(Self.batchColumns) FROM allocation.batches WHERE reference = $1",
                                [.text(reference.value)]).map(Self.batchDTO)
    }

    func batches(sku: SKU?, page: PageRequest) async throws -> [BatchDTO] {
        let after = page.after?.values.first
        return try await db.query(
            """
            SELECT \(Self.batchColumns) FROM allocation.batches
            WHERE ($1::text IS NULL OR sku = $1) AND ($2::text IS NULL OR reference > $2)
            ORDER BY reference LIMIT $3
            """,
            [.optional(sku?.value, PostgresValue.text), .optional(after, PostgresValue.text), .int(page.limit + 1)]).map(Self.batchDTO)
    }

    static func batchDTO(_ row: PostgresRow) throws -> BatchDTO {
        BatchDTO(reference: try row.decode(String.self, at: 0), sku: try row.decode(String.self, at: 1),
                 purchasedQuantity: try row.decode(Int.self, at: 2), allocatedQuantity: try row.decode(Int.self, at: 3),
                 eta: try row.decode(String?.self, at: 4))
    }

    static func sku(_ row: PostgresRow, at index: Int) throws -> SKU {
        SKU(stored: try row.decode(String.self, at: index))
    }
}
