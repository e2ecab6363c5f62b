/// Where a keyset page ends: the sort key values of its last item, the id last, so ties are broken.
public struct CursorPosition: Sendable, Equatable {
    /// The key values as text, in sort-key order.
    public var values: [String]

    public init(_ values: [String]) { self.values = values }
}
