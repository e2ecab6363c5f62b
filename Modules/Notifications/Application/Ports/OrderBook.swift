public import Foundation
public import Kernel
public import NotificationsDomain

/// What a message says about an order: its lines and its total.
public struct OrderSummary: Sendable, Equatable {
    public var items: [MessageBlock.Item]
    public var total: Money

    public init(items: [MessageBlock.Item], total: Money) {
        self.items = items
        self.total = total
    }
}

/// The orders messages talk about (Orders' facade in production, read as the order's customer).
public protocol OrderBook: Sendable {
    /// Order `id` as customer `customerId` sees it; nil when there is none.
    func order(id: UUID, customerId: UUID) async throws -> OrderSummary?
    /// The customer who placed order `id`, for events that name only the order; nil when there is none.
    func customer(ofOrder id: UUID) async throws -> UUID?
}
