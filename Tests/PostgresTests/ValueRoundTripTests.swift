import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct ValueRoundTripTests {
    @Test func scalarsRoundTrip() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            let id = UUID()
            let date = Date(timeIntervalSince1970: 1_795_255_200.123456)
            let bytes: [UInt8] = [0, 1, 2, 0x7F, 0x80, 0xFF]
            let row = try #require(try await db.pool.queryFirst(
                """
                SELECT $1::bool, $2::int8, $3::int4, $4::int2, $5::text, $6::uuid, $7::timestamptz, $8::bytea,
                       $9::jsonb, $10::float8, $11::text[], $12::uuid[], $13::int8[]
                """,
                [
                    true, .int(Int.min), .int32(Int32.max), .int16(-7), "héllo ✓ 'quoted' \"x\" 🚢", .uuid(id),
                    .timestamp(date), .bytea(bytes), .jsonb(#"{"a": [1, 2]}"#), 2.5,
                    .textArray(["a", "", "NULL", nil, "x,y", "q\"\\{}"]), .uuidArray([id, id]), .intArray([1, -2, 3]),
                ]))
            #expect(try row.decode(Bool.self, at: 0) == true)
            #expect(try row.decode(Int.self, at: 1) == Int.min)
            #expect(try row.decode(Int32.self, at: 2) == Int32.max)
            #expect(try row.decode(Int16.self, at: 3) == -7)
            #expect(try row.decode(String.self, at: 4) == "héllo ✓ 'quoted' \"x\" 🚢")
            #expect(try row.decode(UUID.self, at: 5) == id)
            let decodedDate = try row.decode(Date.self, at: 6)
            #expect(abs(decodedDate.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
            #expect(try row.decode([UInt8].self, at: 7) == bytes)
            #expect(try row.decode(Data.self, at: 7) == Data(bytes))
            #expect(try row.decode(String.self, at: 8) == #"{"a": [1, 2]}"#)
            #expect(try row.decode(Double.self, at: 9) == 2.5)
            #expect(try row.decode([String?].self, at: 10) == ["a", "", "NULL", nil, "x,y", "q\"\\{}"])
            #expect(try row.decode([UUID].self, at: 11) == [id, id])
            #expect(try row.decode([Int].self, at: 12) == [1, -2, 3])
        }
    }

    @Test func nullsDecodeAsNilAndThrowForNonOptional() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let row = try #require(try await db.pool.queryFirst(
                "SELECT $1::int8 AS n, $2::text AS t, $3::timestamptz AS ts", [nil, .null, nil]))
            #expect(try row.decode(Int?.self, at: 0) == nil)
            #expect(try row.decode(String?.self, column: "t") == nil)
            #expect(try row.decode(Date?.self, column: "ts") == nil)
            #expect(row.isNull(at: 0))
            do throws(PostgresError) {
                _ = try row.decode(Int.self, column: "n")
                Issue.record("decoded NULL as Int")
            } catch {
                #expect(error.kind == .decoding)
                #expect(error.column == "n")
            }
            let text = try #require(try await db.pool.queryFirst("SELECT 'abc'::text AS word"))
            do throws(PostgresError) {
                _ = try text.decode(Int.self, column: "word")
                Issue.record("decoded text as Int")
            } catch {
                #expect(error.kind == .decoding)
                #expect(error.description.contains("word"))
            }
            #expect(throws: PostgresError.self) { try text.decode(Int.self, column: "missing") }
        }
    }

    @Test func timestampsKeepMicrosecondsAndUTC() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let row = try #require(try await db.pool.queryFirst(
                """
                SELECT '2026-11-21 10:00:00.123456+00'::timestamptz, '2026-11-21 12:00:00+02'::timestamptz,
                       '1969-12-31 23:59:59.5+00'::timestamptz, '2000-02-29 00:00:00'::timestamp,
                       '2026-11-21 10:00:00.123456+00'::timestamptz::text
                """))
            let expected = 1_795_255_200.123456
            #expect(abs(try row.decode(Date.self, at: 0).timeIntervalSince1970 - expected) < 0.000_001)
            #expect(try row.decode(Date.self, at: 1).timeIntervalSince1970 == 1_795_255_200)
            #expect(try row.decode(Date.self, at: 2).timeIntervalSince1970 == -0.5)
            #expect(try row.decode(Date.self, at: 3).timeIntervalSince1970 == 951_782_400)
            #expect(try row.decode(String.self, at: 4) == "2026-11-21 10:00:00.123456+00")
            for seconds in [0.0, -1.000001, 951_782_400.999999, 4_102_444_800.5, -62_135_596_800] {
                let date = Date(timeIntervalSince1970: seconds)
                let back = try #require(try await db.pool.queryFirst("SELECT $1::timestamptz", [.timestamp(date)]))
                #expect(abs(try back.decode(Date.self, at: 0).timeIntervalSince1970 - seconds) < 0.000_001)
            }
        }
    }

    @Test func affectedRowsAndCommandTag() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY, name text NOT NULL)")
            #expect(try await db.pool.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')") == 3)
            #expect(try await db.pool.execute("UPDATE t SET name = $1 WHERE id >= $2", ["z", 2]) == 2)
            let deleted = try await db.pool.query("DELETE FROM t WHERE id = $1", [1])
            #expect(deleted.affectedRows == 1)
            #expect(deleted.commandTag == "DELETE 1")
            let rows = try await db.pool.query("SELECT id, name FROM t ORDER BY id")
            #expect(rows.columns == ["id", "name"])
            #expect(try rows.map { try $0.decode(String.self, column: "name") } == ["z", "z"])
            #expect(try await db.pool.query("SELECT 1 WHERE false").isEmpty)
        }
    }
}
