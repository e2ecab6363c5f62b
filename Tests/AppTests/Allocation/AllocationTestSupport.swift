import Foundation
import Kernel
import OrdersContracts
import Outbox
import Postgres
import TestSupport
@testable import WharfApp

extension TestApp {
    /// Publishes an `OrderPlaced` of `lines` for `customer`, and returns its id.
    @discardableResult
    func placeOrder(_ lines: [(String, Int)], customer: String, id: UUID = UUID()) async throws -> UUID {
        let customerId = try require(UUID(uuidString: customer), "customer id")
        try await publish(OrderPlaced(
            orderId: id, customerId: customerId,
            lines: lines.map { OrderLineItem(sku: $0.0, quantity: $0.1, unitPrice: Money(amount: 1000, currency: .eur)) },
            total: Money(amount: 1000, currency: .eur)))
        return id
    }

    /// Adds a batch through the API and returns its JSON.
    @discardableResult
    func addBatch(_ reference: String, sku: String, quantity: Int, eta: String? = nil, token: String) async throws -> [String: Any] {
        var body: [String: Any] = ["reference": reference, "sku": sku, "quantity": quantity]
        if let eta { body["eta"] = eta }
        let response = try await http.json("POST", "/v1/batches", body, token: token)
        guard response.status == 201 else { throw TestAppError.unexpected("batch \(reference): \(response.status) \(response.bodyText)") }
        return response.object
    }

    /// `GET /v1/allocations/{orderId}` as `[sku: batchReference]`, or nil unless `200`.
    func allocations(_ order: UUID, token: String) async throws -> [String: String]? {
        let response = try await http.json("GET", "/v1/allocations/\(order.lowercased)", token: token)
        guard response.status == 200,
              let items = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [[String: Any]] else { return nil }
        var result: [String: String] = [:]
        for item in items {
            guard Set(item.keys) == ["sku", "batchReference"], let sku = item["sku"] as? String,
                  let batch = item["batchReference"] as? String else { return nil }
            result[sku] = batch
        }
        return result
    }

    /// Runs `body` while holding Allocation's row lock on `sku`'s stock, as a long allocation of that SKU would: an
    /// order of `sku` placed meanwhile stays `pending` until `body` returns, without racing the relay. `sku` needs a batch.
    func whileAllocationHolds<T>(_ sku: String, _ body: () async throws -> T) async throws -> T {
        // One attempt: `body` places orders, which must not happen twice.
        try await container.pool.transaction(maxAttempts: 1) { tx in
            guard !(try await tx.query("SELECT 1 FROM allocation.stock WHERE sku = $1 FOR UPDATE", [.text(sku)])).isEmpty else {
                throw TestAppError.unexpected("no stock row for \(sku)")
            }
            return try await body()
        }
    }

    /// `GET /v1/stock/{sku}`'s body, or nil unless `200`.
    func stock(_ sku: String) async throws -> [String: Any]? {
        let response = try await http.json("GET", "/v1/stock/\(sku)")
        return response.status == 200 ? response.object : nil
    }
}

/// `try #require` without the Testing import in helpers that throw.
func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw TestAppError.unexpected("missing \(what)") }
    return value
}
