public import AllocationDomain
public import Foundation
public import Kernel

/// What became of an order Allocation heard of.
public enum AllocationOrderStatus: String, Sendable {
    /// Every line is (or was, until a batch shrank) allocated.
    case allocated
    /// Some line could not be allocated; nothing stays allocated.
    case rejected
    /// Cancelled or its payment failed: its lines were let go.
    case released
}

/// An order as Allocation knows it: its owner and status.
public struct KnownOrder: Sendable, Equatable {
    public var orderId: UUID
    public var customerId: UUID
    public var status: AllocationOrderStatus
    public init(orderId: UUID, customerId: UUID, status: AllocationOrderStatus) {
        self.orderId = orderId
        self.customerId = customerId
        self.status = status
    }
}

/// The orders Allocation heard of: what makes the event handlers idempotent and the owner check possible.
public protocol AllocationOrderRepository: Sendable {
    /// Records `order` unless the order id is known; false when it was (the event was handled before).
    func insert(_ order: KnownOrder) async throws -> Bool
    func order(_ orderId: UUID) async throws -> KnownOrder?
    func setStatus(_ orderId: UUID, _ status: AllocationOrderStatus) async throws
    /// The SKUs the order has allocated lines of.
    func allocatedSKUs(_ orderId: UUID) async throws -> [SKU]
    /// Keeps `line`, which lost its batch and found no other, until stock of its SKU appears.
    func addBackorder(_ line: OrderLine) async throws
    /// The backordered lines of `sku` whose order still holds its stock (`allocated`), oldest order first.
    func backorders(of sku: SKU) async throws -> [OrderLine]
    /// Locks the rows of `orders` (oldest first) until the transaction ends; returns those still `allocated`, so a
    /// release committed meanwhile is seen and its order left alone.
    func lockAllocated(_ orders: [UUID]) async throws -> Set<UUID>
    /// Forgets the backorder of the order's line of `sku` (it has a batch again).
    func removeBackorder(orderId: UUID, sku: SKU) async throws
    /// Forgets every backorder of the order (it was released).
    func removeBackorders(_ orderId: UUID) async throws
    /// How many lines of the order are backordered.
    func backorderCount(_ orderId: UUID) async throws -> Int
}
