import AllocationDomain
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
}
