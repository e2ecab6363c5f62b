import Foundation
import Kernel
import OrdersApplication
import OrdersContracts
import PaymentsContracts
import Synchronization

/// The catalog's prices, as a test sets them; counts calls (placement must price in one call).
final class FakeCatalog: CatalogPrices {
    let prices = Mutex<[String: Money]>([:])
    let calls = Mutex(0)

    func activePrices(skus: [String]) async throws -> [String: Money] {
        calls.withLock { $0 += 1 }
        return prices.withLock { prices in prices.filter { skus.contains($0.key) } }
    }
}

/// Payments as Orders sees it: one payment per order, however often asked; can be told to fail.
final class FakePayments: PaymentRequests {
    struct Unavailable: Error {}
    let requests = Mutex<[RequestPayment]>([])
    let payments = Mutex<[UUID: UUID]>([:])
    let failing = Mutex(false)

    func requestPayment(_ request: RequestPayment) async throws -> UUID {
        if failing.withLock({ $0 }) { throw Unavailable() }
        requests.withLock { $0.append(request) }
        return payments.withLock { payments in
            if let existing = payments[request.orderId] { return existing }
            let id = UUID()
            payments[request.orderId] = id
            return id
        }
    }

    func paymentId(for order: UUID) -> UUID? { payments.withLock { $0[order] } }
}

/// Allocation's answer on where an order's lines are, as a test sets it: every SKU is warehouse stock unless
/// listed in `atSea`.
final class FakeWarehouse: WarehouseGoods {
    let atSea = Mutex<Set<String>>([])
    let calls = Mutex(0)

    func skusInWarehouse(orderId: UUID) async throws -> Set<String> {
        calls.withLock { $0 += 1 }
        let atSea = atSea.withLock { $0 }
        return Set(["A", "B", "C"]).subtracting(atSea)
    }
}
