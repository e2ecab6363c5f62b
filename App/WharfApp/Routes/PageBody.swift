import Kernel

/// A collection response: `{"items": [...], "nextCursor": "..." | null}`.
struct PageBody<Item: Encodable & Sendable>: Encodable {
    let items: [Item]
    let nextCursor: String?

    init(_ page: Page<Item>) {
        items = page.items
        nextCursor = page.nextCursor
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        // Always present, `null` on the last page, as the contract shows.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
