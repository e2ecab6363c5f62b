/// One keyset-paged listing: turns the client's `cursor` into a `PageRequest` and the rows fetched for it into a
/// `Page` with the cursor of the next one. Cursors are MACed under `scope` (name the listing and every filter in
/// it), so a cursor of another listing, or one carrying another number of key values, is `400 invalid_cursor`.
public struct KeysetPager: Sendable {
    private let cursors: CursorCodec
    private let scope: String
    private let keyCount: Int

    /// A pager for the listing `scope`, whose rows are ordered by `keyCount` key values (the id last).
    public init(cursors: CursorCodec, scope: String, keyCount: Int) {
        self.cursors = cursors
        self.scope = scope
        self.keyCount = keyCount
    }

    /// At most `limit` rows after the cursor's position (from the start without one). `invalid_cursor` when the
    /// cursor was not issued for this listing; `422` when `limit` is outside `PageRequest.limitRange`.
    public func request(cursor: String?, limit: Int) throws(DomainError) -> PageRequest {
        let after = try cursor.map { cursor throws(DomainError) in try cursors.decode(cursor, scope: scope) }
        guard after == nil || after?.values.count == keyCount else { throw .invalidCursor }
        return try PageRequest(limit: limit, after: after)
    }

    /// The page of `rows`, fetched for `request` as up to `limit + 1` rows: the first `limit` of them, and when
    /// there were more, the cursor at the last one kept (its `key` values, in sort-key order); nil on the last page.
    public func page<Row: Sendable>(_ rows: [Row], for request: PageRequest, key: (Row) -> [String]) -> Page<Row> {
        let items = Array(rows.prefix(request.limit))
        let next = rows.count > request.limit ? items.last.map { cursors.encode(CursorPosition(key($0)), scope: scope) } : nil
        return Page(items: items, nextCursor: next)
    }
}
