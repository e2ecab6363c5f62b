import AllocationDomain
import EventBus
import Foundation
import Kernel

extension AllocationService {
    /// When each of `lines` (SKU, quantity) would ship if allocated now: the allocation rules run over the free stock
    /// of the moment (`Stock.allocate` on a copy), with nothing stored, no lock and no transaction. nil for a line no
    /// single batch can take (or a SKU without stock).
    public func promise(_ lines: [(sku: String, quantity: Int)]) async throws -> [String?] {
        let wanted = lines.map { (sku: SKU(normalizing: $0.sku), quantity: $0.quantity) }
        let stock = try await store.stock.stock(wanted.compactMap(\.sku), lines: .noLines, lock: false)
        let bySKU = Dictionary(stock.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        let today = today()
        let probe = UUID()
        return wanted.map { item in
            guard let sku = item.sku, var stock = bySKU[sku] else { return nil }
            guard case .allocated(_, let batch) = stock.allocate(OrderLine(orderId: probe, sku: sku, quantity: item.quantity)) else {
                return nil
            }
            return shipDates.shipDate(for: batch, today: today).text
        }
    }
}
