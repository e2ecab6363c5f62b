import Foundation
public import Kernel

/// Stock of one SKU bought in one go: in the warehouse (`eta` nil) or on its way. It holds the lines allocated
/// to it, oldest first. A store may load only the lines a use case needs (those of one order): the quantity of
/// the others is then `unlistedQuantity`, so what is free is right either way.
public struct Batch: Hashable, Sendable {
    public static let quantityRange = 0...1_000_000

    public let reference: BatchReference
    public let sku: SKU
    public internal(set) var purchasedQuantity: Int
    /// nil for warehouse stock; a shipment's ETA may move, and its arrival makes it warehouse stock (`Stock.changeBatch`).
    public internal(set) var eta: ArrivalDate?
    public private(set) var allocations: [OrderLine]
    /// Allocated to lines that were not loaded.
    public let unlistedQuantity: Int

    public init(reference: BatchReference, sku: SKU, purchasedQuantity: Int, eta: ArrivalDate?,
                allocations: [OrderLine] = [], unlistedQuantity: Int = 0) {
        self.reference = reference
        self.sku = sku
        self.purchasedQuantity = purchasedQuantity
        self.eta = eta
        self.allocations = allocations
        self.unlistedQuantity = unlistedQuantity
    }

    public var allocatedQuantity: Int { allocations.reduce(unlistedQuantity) { $0 + $1.quantity } }
    public var availableQuantity: Int { purchasedQuantity - allocatedQuantity }
    public var isWarehouseStock: Bool { eta == nil }

    public func holds(_ line: OrderLine) -> Bool { allocations.contains(line) }

    public func canAllocate(_ line: OrderLine) -> Bool {
        line.sku == sku && line.quantity > 0 && availableQuantity >= line.quantity
    }

    /// Adds `line` when it fits and is not here yet (allocating a line twice changes nothing).
    mutating func allocate(_ line: OrderLine) {
        guard canAllocate(line), !holds(line) else { return }
        allocations.append(line)
    }

    /// Removes the order's line, if this batch holds one.
    mutating func deallocate(orderId: UUID) -> OrderLine? {
        guard let index = allocations.firstIndex(where: { $0.orderId == orderId }) else { return nil }
        return allocations.remove(at: index)
    }

    /// Gives up the most recently allocated line (earlier orders keep their stock).
    mutating func deallocateNewest() -> OrderLine? { allocations.popLast() }

    /// The order of preference for allocation: warehouse stock first, then the earliest ETA; the reference breaks
    /// ties so the choice never depends on load order.
    static func isPreferred(_ a: Batch, over b: Batch) -> Bool {
        switch (a.eta, b.eta) {
        case (nil, nil): a.reference < b.reference
        case (nil, _): true
        case (_, nil): false
        case let (x?, y?): x == y ? a.reference < b.reference : x < y
        }
    }
}
