/// One page of a collection and the cursor of the next one (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Opaque; pass back as `cursor` to get the next page.
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Maps the items, keeping the cursor.
    public func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), nextCursor: nextCursor)
    }
}

/// What page the caller asked for: at most `limit` items after `after` (nil: from the start).
public struct PageRequest: Sendable, Equatable {
    /// The default and the bounds the contract gives for `?limit=`.
    public static let defaultLimit = 20
    public static let limitRange = 1...100

    public let limit: Int
    public let after: CursorPosition?

    /// Validates `limit` against `limitRange`.
    public init(limit: Int = PageRequest.defaultLimit, after: CursorPosition? = nil) throws(DomainError) {
        guard PageRequest.limitRange.contains(limit) else {
            throw .validation(field: "limit", message: "limit must be between 1 and 100")
        }
        self.limit = limit
        self.after = after
    }
}
