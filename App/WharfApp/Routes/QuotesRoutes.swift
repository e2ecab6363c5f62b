import AllocationContracts
import HTTPServer
import OrdersContracts

/// `POST /v1/quotes` of the contract's "Promises" (anyone, no token): Orders validates and prices the lines,
/// Allocation says when each could ship (docs/adr/0017).
enum QuotesRoutes {
    static func register(on router: Router, orders: any OrdersFacade, allocation: any AllocationFacade) {
        let promises = PromisesThroughAllocation(allocation: allocation)
        router.post("/v1/quotes") { request, _ in
            try .json(try await orders.quote(request.decode(PlaceOrder.self), promises: promises))
        }
    }
}

/// Orders' `ShipDatePromises` port over the Allocation facade.
struct PromisesThroughAllocation: ShipDatePromises {
    let allocation: any AllocationFacade

    func promise(_ lines: [(sku: String, quantity: Int)]) async throws -> [String?] {
        try await allocation.promise(lines)
    }
}
