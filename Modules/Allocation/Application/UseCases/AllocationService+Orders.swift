import AllocationContracts
import AllocationDomain
public import EventBus
public import Foundation
import Kernel
import Logging
public import OrdersContracts

extension AllocationService {
    /// Handles `orders.order_placed.v1`: allocates every line of the order or none. All of the order's SKUs are
    /// loaded (locked in SKU order) and stored in this one transaction, so all-or-nothing holds across
    /// aggregates. Publishes `OrderAllocated`, or `OutOfStock` per missing line and `OrderRejected`. An order
    /// already heard of (redelivery, or released before it arrived) changes nothing.
    public func allocateOrder(_ event: OrderPlaced, in tx: AllocationTransaction) async throws {
        guard try await tx.orders.insert(KnownOrder(orderId: event.orderId, customerId: event.customerId, status: .allocated)) else {
            return
        }
        var valid: [(sku: SKU, quantity: Int)] = []
        var invalid: Set<String> = []
        for item in event.lines {
            if let sku = SKU(normalizing: item.sku), Batch.quantityRange.contains(item.quantity), item.quantity > 0 {
                valid.append((sku, item.quantity))
            } else {
                invalid.insert(item.sku)
            }
        }
        let lines = OrderAllocation.lines(orderId: event.orderId, valid)
        let lock = lockOnLoad
        let hasInvalidLine = !invalid.isEmpty
        let outcome: OrderAllocation.Outcome = try await retryingConflicts(in: tx) {
            let original = try await tx.stock.stock(lines.map(\.sku), lines: .order(event.orderId), lock: lock)
            // An order with a bad line (or none at all) is refused whole, whatever the stock.
            guard !hasInvalidLine, !lines.isEmpty else { return .rejected(outOfStock: []) }
            let outcome = OrderAllocation.allocate(lines, in: original)
            if case .allocated(_, let changed) = outcome {
                try await Self.save(zip(changed, original).map { ($0, $1) }, in: tx)
            }
            return outcome
        }
        switch outcome {
        case .allocated(let allocated, _):
            let today = today()
            try await tx.events.publish(OrderAllocated(orderId: event.orderId, lines: allocated.map {
                AllocatedLine(sku: $0.line.sku.value, quantity: $0.line.quantity, batchReference: $0.batch.reference.value,
                              eta: $0.batch.eta?.text, expectedShipDate: shipDates.shipDate(for: $0.batch, today: today).text)
            }))
            logger.debug("order allocated", ["order_id": event.orderId.lowercased])
        case .rejected(let missing):
            try await tx.orders.setStatus(event.orderId, .rejected)
            try await publish(missing.map { .outOfStock($0, wasAllocated: false) }, reason: "", in: tx)
            let skus = Set(missing.map(\.sku.value)).union(invalid).sorted()
            try await tx.events.publish(OrderRejected(orderId: event.orderId, outOfStockSkus: skus))
            logger.info("order rejected", ["order_id": event.orderId.lowercased, "skus": skus.joined(separator: ",")])
        }
    }

    /// Handles `orders.order_cancelled.v1` and `orders.order_payment_failed.v1`: takes every line of the order
    /// off its batch (`LineDeallocated`, reason `order_released`) and forgets its backorders. Releasing twice changes
    /// nothing; an order released before its `OrderPlaced` arrived is remembered, and that event is then ignored.
    /// The lines are read again once the order's row is locked (by the first save), so a backordered line that
    /// found stock concurrently (`recoverBackorders`, which skips released orders under that lock) is released too.
    public func releaseOrder(_ orderId: UUID, customerId: UUID, in tx: AllocationTransaction) async throws {
        guard !(try await tx.orders.insert(KnownOrder(orderId: orderId, customerId: customerId, status: .released))) else { return }
        guard let order = try await tx.orders.order(orderId), order.status != .released else { return }
        let lock = lockOnLoad
        var changes: [StockChange] = []
        var remaining = try await tx.orders.allocatedSKUs(orderId)
        while !remaining.isEmpty {
            let skus = remaining
            let released: [StockChange] = try await retryingConflicts(in: tx) {
                var pairs: [(new: Stock, original: Stock)] = []
                var changes: [StockChange] = []
                for original in try await tx.stock.stock(skus, lines: .order(orderId), lock: lock) {
                    var stock = original
                    if let change = stock.deallocate(orderId: orderId) { changes.append(change) }
                    pairs.append((stock, original))
                }
                try await Self.save(pairs, in: tx)
                return changes
            }
            changes += released
            _ = try await tx.orders.lockAllocated([orderId])
            remaining = try await tx.orders.allocatedSKUs(orderId)
        }
        try await tx.orders.setStatus(orderId, .released)
        try await tx.orders.removeBackorders(orderId)
        try await publish(changes, reason: "order_released", in: tx)
        logger.debug("order released", ["order_id": orderId.lowercased, "lines": String(changes.count)])
    }
}
