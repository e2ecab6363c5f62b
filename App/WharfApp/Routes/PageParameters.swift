import HTTPServer
import Kernel

/// `?limit=&cursor=` of every listing route: `limit` within `PageRequest.limitRange` (default
/// `PageRequest.defaultLimit`, `422` outside), `cursor` passed on untouched for the context to check.
struct PageParameters {
    let limit: Int
    let cursor: String?

    init(_ query: QueryParameters) throws {
        limit = try query.int("limit", in: PageRequest.limitRange) ?? PageRequest.defaultLimit
        cursor = query.string("cursor")
    }
}
