// Encodes a page of 20 products (the shape of `GET /v1/products?limit=20`) with `StrictJSONEncoder`,
// `ITERATIONS` times. Built and run under callgrind by Tests/Load/json-encode-cost, which counts the
// instructions spent inside `StrictJSONEncoder.encode` (stable on a shared machine, unlike wall-clock).
import Foundation
import JSON

struct Currency: Encodable {
    let code: String
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

struct Money: Encodable {
    let amount: Int64
    let currency: Currency
}

struct Product: Encodable {
    let id: UUID
    let sku: String
    let name: String
    let description: String
    let category: String
    let price: Money
    let status: String
    let createdAt: Date
    let updatedAt: Date
}

struct PageBody: Encodable {
    let items: [Product]
    let nextCursor: String?
}

func product(_ i: Int) -> Product {
    let id = UUID(uuid: (0x6F, 0x96, 0x19, 0xFF, 0x8B, 0x86, 0xD0, 0x11, 0xB4, 0x2D, 0x00, 0xC0, 0x4F, 0xC9, 0x64, UInt8(i)))
    let price = Money(amount: 19_999 + Int64(i) * 100, currency: Currency(code: "EUR"))
    let created = Date(timeIntervalSince1970: 1_795_255_200 + Double(i))
    let updated = Date(timeIntervalSince1970: 1_795_300_000 + Double(i * 60))
    return Product(id: id, sku: "SKU-\(10_000 + i)", name: "Red oak table \(i)",
                   description: "A \"solid\" oak table,\n180 × 90 cm; seats six. Oiled finish, made to order in 4–6 weeks.",
                   category: "furniture", price: price, status: i % 7 == 0 ? "discontinued" : "active",
                   createdAt: created, updatedAt: updated)
}
let products: [Product] = (0..<20).map(product)
let page = PageBody(items: products, nextCursor: nil)
let iterations = Int(ProcessInfo.processInfo.environment["ITERATIONS"] ?? "") ?? 1000
let encoder = StrictJSONEncoder()
var total = 0
for _ in 0..<iterations {
    total &+= try encoder.encode(page).count
}
print("encoded \(iterations) pages, \(total / max(iterations, 1)) bytes each")
