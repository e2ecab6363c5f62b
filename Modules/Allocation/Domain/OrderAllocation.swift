public import Foundation
public import Kernel

/// Allocating a whole order, all or nothing, over the stock of each of its SKUs.
public enum OrderAllocation {
    /// The result: every line allocated (with the changed stock), or the lines nothing could take.
    public enum Outcome: Sendable, Equatable {
        case allocated(lines: [(line: OrderLine, batch: Batch)], stock: [Stock])
        case rejected(outOfStock: [OrderLine])

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            switch (lhs, rhs) {
            case let (.allocated(a, s), .allocated(b, t)):
                a.map(\.line) == b.map(\.line) && a.map(\.batch) == b.map(\.batch) && s == t
            case let (.rejected(a), .rejected(b)): a == b
            default: false
            }
        }
    }

    /// Allocates each of `lines` (one per SKU, sorted by SKU) in `stock`. When any line cannot be allocated, the
    /// stock is left as it was and the unallocatable lines are returned, so none of the order stays allocated.
    public static func allocate(_ lines: [OrderLine], in stock: [Stock]) -> Outcome {
        var bySKU = Dictionary(uniqueKeysWithValues: stock.map { ($0.sku, $0) })
        var allocated: [(line: OrderLine, batch: Batch)] = []
        var missing: [OrderLine] = []
        for line in lines.sorted(by: { $0.sku < $1.sku }) {
            var item = bySKU[line.sku] ?? Stock(sku: line.sku, batches: [], version: 0)
            switch item.allocate(line) {
            case .allocated(let line, let batch): allocated.append((line, batch))
            default: missing.append(line)
            }
            bySKU[line.sku] = item
        }
        guard missing.isEmpty else { return .rejected(outOfStock: missing) }
        return .allocated(lines: allocated, stock: stock.compactMap { bySKU[$0.sku] })
    }

    /// The lines of an order, one per SKU: a SKU given twice (Orders refuses that, but an event is input too)
    /// counts once with the quantities added.
    public static func lines(orderId: UUID, _ items: [(sku: SKU, quantity: Int)]) -> [OrderLine] {
        var quantities: [SKU: Int] = [:]
        for item in items { quantities[item.sku, default: 0] += item.quantity }
        return quantities.keys.sorted().map { OrderLine(orderId: orderId, sku: $0, quantity: quantities[$0] ?? 0) }
    }
}
