import AllocationApplication
import AllocationContracts
import AllocationDomain
import EventBus
import Foundation
import Kernel
import TestSupport

/// Everything Allocation stores, as values.
struct AllocationState: Sendable {
    /// Per SKU: the version and every batch with all its lines.
    var stock: [SKU: (version: Int64, batches: [Batch])] = [:]
    var orders: [UUID: KnownOrder] = [:]
    /// The order in which orders were heard of (oldest first).
    var heard: [UUID] = []
    /// Backordered lines by order and SKU.
    var backorders: [UUID: [SKU: Int]] = [:]
    var levels: [SKU: StockLevelDTO] = [:]
    var view: [UUID: [AllocationViewDTO]] = [:]
}

/// Allocation's state behind a lock: the committed state, or a transaction's working copy.
typealias AllocationRows = Locked<AllocationState>

/// Another writer winning the race: runs on the transaction's state just before a save's version check, as many
/// times as it returns true.
typealias SaveInterference = @Sendable (inout AllocationState) -> Bool

/// The Allocation store in memory (`InMemoryUnitOfWork`: transactions one at a time on a copy of the state,
/// events delivered on the bus after commit, `undoable` restoring the copy). `interference` stages lost races.
typealias InMemoryAllocationStore = InMemoryUnitOfWork<AllocationState, AllocationRepositories>

extension InMemoryUnitOfWork<AllocationState, AllocationRepositories> {
    convenience init(bus: InMemoryEventBus = InMemoryEventBus(), interference: Locked<SaveInterference?> = Locked(nil)) {
        self.init(AllocationState(), bus: bus) { scope in
            AllocationRepositories(stock: InMemoryStockRepository(rows: scope.state, interference: scope.isTransaction ? interference : nil),
                                   orders: InMemoryOrderRepository(rows: scope.state), readModels: InMemoryReadModels(rows: scope.state),
                                   audit: RecordedAuditTrail())
        }
    }
}

struct InMemoryStockRepository: StockRepository {
    let rows: AllocationRows
    /// The race a test stages; nil outside a transaction.
    let interference: Locked<SaveInterference?>?

    func stock(_ skus: [SKU], lines: LinesToLoad, lock: Bool) async throws -> [Stock] {
        rows.with { state in
            Set(skus).sorted().compactMap { sku in
                guard let stored = state.stock[sku] else { return nil }
                return Stock(sku: sku, batches: stored.batches.map { batch in
                    let loaded: [OrderLine]
                    switch lines {
                    case .all: loaded = batch.allocations
                    case .order(let order): loaded = batch.allocations.filter { $0.orderId == order }
                    case .noLines: loaded = []
                    }
                    return Batch(reference: batch.reference, sku: sku, purchasedQuantity: batch.purchasedQuantity, eta: batch.eta,
                                 allocations: loaded, unlistedQuantity: batch.allocatedQuantity - loaded.reduce(0) { $0 + $1.quantity })
                }, version: stored.version)
            }
        }
    }

    func register(_ sku: SKU) async throws {
        rows.with { state in if state.stock[sku] == nil { state.stock[sku] = (0, []) } }
    }

    func save(_ stock: Stock, original: Stock) async throws -> Bool {
        if let interference, let hook = interference.snapshot {
            if !rows.with({ hook(&$0) }) { interference.replace(nil) }
        }
        return try rows.with { state in
            guard let stored = state.stock[stock.sku], stored.version == original.version else { return false }
            let before = Dictionary(uniqueKeysWithValues: original.batches.map { ($0.reference, $0) })
            var batches = stored.batches
            for batch in stock.batches {
                let kept = (batches.first { $0.reference == batch.reference }?.allocations ?? [])
                    .filter { line in !(before[batch.reference]?.allocations.contains(line) ?? false) }
                // Lines the use case did not load stay; the ones it loaded are replaced by what it has now.
                let merged = Batch(reference: batch.reference, sku: batch.sku, purchasedQuantity: batch.purchasedQuantity,
                                   eta: batch.eta, allocations: kept + batch.allocations.filter { !kept.contains($0) })
                // The database's CHECK, mirrored: never more allocated than purchased.
                guard merged.availableQuantity >= 0 else { throw Oversold() }
                if let index = batches.firstIndex(where: { $0.reference == batch.reference }) { batches[index] = merged } else { batches.append(merged) }
            }
            state.stock[stock.sku] = (stored.version + 1, batches)
            return true
        }
    }

    struct Oversold: Error {}

    func sku(ofBatch reference: BatchReference) async throws -> SKU? {
        rows.with { state in state.stock.first { $0.value.batches.contains { $0.reference == reference } }?.key }
    }

    func batch(_ reference: BatchReference) async throws -> BatchDTO? {
        rows.with { state in Self.all(state).first { $0.reference == reference.value } }
    }

    func batches(sku: SKU?, page: PageRequest) async throws -> [BatchDTO] {
        let after = page.after?.values.first
        return rows.with { state in
            Array(Self.all(state).filter { (sku == nil || $0.sku == sku?.value) && (after == nil || $0.reference > after ?? "") }
                .prefix(page.limit + 1))
        }
    }

    static func all(_ state: AllocationState) -> [BatchDTO] {
        state.stock.values.flatMap(\.batches).map {
            BatchDTO(reference: $0.reference.value, sku: $0.sku.value, purchasedQuantity: $0.purchasedQuantity,
                     allocatedQuantity: $0.allocatedQuantity, eta: $0.eta?.text)
        }.sorted { $0.reference < $1.reference }
    }
}

struct InMemoryOrderRepository: AllocationOrderRepository {
    let rows: AllocationRows

    func insert(_ order: KnownOrder) async throws -> Bool {
        rows.with { state in
            guard state.orders[order.orderId] == nil else { return false }
            state.orders[order.orderId] = order
            state.heard.append(order.orderId)
            return true
        }
    }

    func order(_ orderId: UUID) async throws -> KnownOrder? { rows.with { $0.orders[orderId] } }

    func setStatus(_ orderId: UUID, _ status: AllocationOrderStatus) async throws {
        rows.with { $0.orders[orderId]?.status = status }
    }

    func allocatedSKUs(_ orderId: UUID) async throws -> [SKU] {
        rows.with { state in
            state.stock.filter { $0.value.batches.contains { $0.allocations.contains { $0.orderId == orderId } } }.keys.sorted()
        }
    }

    func addBackorder(_ line: OrderLine) async throws {
        rows.with { $0.backorders[line.orderId, default: [:]][line.sku] = line.quantity }
    }

    func backorders(of sku: SKU) async throws -> [OrderLine] {
        rows.with { state in
            state.heard.compactMap { id in
                guard state.orders[id]?.status == .allocated, let quantity = state.backorders[id]?[sku] else { return nil }
                return OrderLine(orderId: id, sku: sku, quantity: quantity)
            }
        }
    }

    func lockAllocated(_ orders: [UUID]) async throws -> Set<UUID> {
        rows.with { state in Set(orders.filter { state.orders[$0]?.status == .allocated }) }
    }

    func removeBackorder(orderId: UUID, sku: SKU) async throws {
        rows.with { state in
            state.backorders[orderId]?[sku] = nil
            if state.backorders[orderId]?.isEmpty == true { state.backorders[orderId] = nil }
        }
    }

    func removeBackorders(_ orderId: UUID) async throws { rows.with { $0.backorders[orderId] = nil } }

    func backorderCount(_ orderId: UUID) async throws -> Int { rows.with { $0.backorders[orderId]?.count ?? 0 } }
}

struct InMemoryReadModels: AllocationReadModels {
    let rows: AllocationRows

    func refreshStockLevels(_ skus: [SKU]) async throws {
        rows.with { state in
            for sku in skus {
                guard let batches = state.stock[sku]?.batches else { continue }
                state.levels[sku] = StockLevelDTO(
                    sku: sku.value, available: batches.reduce(0) { $0 + $1.availableQuantity },
                    warehouseAvailable: batches.filter(\.isWarehouseStock).reduce(0) { $0 + $1.availableQuantity },
                    nextEta: batches.filter { !$0.isWarehouseStock && $0.availableQuantity > 0 }.compactMap(\.eta).min()?.text)
            }
        }
    }

    func refreshAllocations(of orderId: UUID) async throws {
        rows.with { state in
            state.view[orderId] = state.stock.values.flatMap(\.batches).flatMap { batch in
                batch.allocations.filter { $0.orderId == orderId }
                    .map { AllocationViewDTO(sku: $0.sku.value, batchReference: batch.reference.value) }
            }.sorted { $0.sku < $1.sku }
        }
    }

    func stockLevel(_ sku: SKU) async throws -> StockLevelDTO? { rows.with { $0.levels[sku] } }

    func allocations(of orderId: UUID) async throws -> [AllocationViewDTO] { rows.with { $0.view[orderId] ?? [] } }

    func lineBatches(of orderId: UUID) async throws -> [LineBatchDTO] {
        rows.with { state in
            state.stock.values.flatMap(\.batches).flatMap { batch in
                batch.allocations.filter { $0.orderId == orderId }
                    .map { LineBatchDTO(sku: $0.sku.value, batchReference: batch.reference.value, inWarehouse: batch.isWarehouseStock) }
            }.sorted { $0.sku < $1.sku }
        }
    }
}
