import Postgres
import TestSupport
import Testing

/// Reading back what the domain stored: a value that does not fit is a `.decoding` error naming the column (a
/// server error), never a silent fallback.
@Suite struct StoredValueDecodingTests {
    enum Status: String { case active, discontinued }

    @Test func aKnownRawValueDecodesAsItsEnumCase() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let row = try #require(try await db.pool.queryFirst("SELECT 'discontinued'::text AS status, ARRAY['active']::text[] AS all"))
            #expect(try row.decode(Status.self, at: 0) == .discontinued)
            #expect(try row.decode([Status].self, at: 1) == [.active])
        }
    }

    @Test func anUnknownRawValueIsADecodingErrorNamingTheColumn() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let row = try #require(try await db.pool.queryFirst("SELECT 'bogus'::text AS status, ARRAY['active', 'nope']::text[] AS all"))
            let single = #expect(throws: PostgresError.self) { try row.decode(Status.self, at: 0) }
            #expect(single?.kind == .decoding)
            #expect(single?.column == "status")
            #expect(single?.message.contains("bogus") == true)
            let array = #expect(throws: PostgresError.self) { try row.decode([Status].self, at: 1) }
            #expect(array?.kind == .decoding)
            #expect(array?.column == "all")
        }
    }

    @Test func aValueTheBuilderRefusesIsADecodingError() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let row = try #require(try await db.pool.queryFirst("SELECT 'EU'::text AS currency, 'EUR'::text AS good"))
            let error = #expect(throws: PostgresError.self) {
                try row.decode(String.self, at: 0, stored: { $0.count == 3 ? $0 : nil })
            }
            #expect(error?.kind == .decoding && error?.column == "currency")
            #expect(try row.decode(String.self, at: 1, stored: { $0.count == 3 ? $0 : nil }) == "EUR")
        }
    }
}
