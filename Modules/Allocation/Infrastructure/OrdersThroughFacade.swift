import AllocationApplication
import Foundation
import Kernel
import OrdersContracts

/// The order lookup over the Orders context's facade, which applies its own rule (owner or staff) and answers
/// `not_found` for an unknown order and for another customer's alike.
struct OrdersThroughFacade: OrderLookup {
    let orders: any OrdersFacade

    func isVisible(orderId: UUID, to caller: Caller) async throws -> Bool {
        do {
            _ = try await orders.order(id: orderId, caller: caller)
            return true
        } catch let error as DomainError where error.kind == .notFound {
            return false
        }
    }
}
