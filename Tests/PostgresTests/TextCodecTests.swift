import Foundation
@testable import Postgres
import Testing

@Suite struct TextCodecTests {
    private func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test func integers() {
        #expect(withBytes("0") { TextCodec.parseInteger($0) } == 0)
        #expect(withBytes("-9223372036854775808") { TextCodec.parseInteger($0) } == Int64.min)
        #expect(withBytes("9223372036854775807") { TextCodec.parseInteger($0) } == Int64.max)
        #expect(withBytes("9223372036854775808") { TextCodec.parseInteger($0) } == nil)
        #expect(withBytes("") { TextCodec.parseInteger($0) } == nil)
        #expect(withBytes("-") { TextCodec.parseInteger($0) } == nil)
        #expect(withBytes("12a") { TextCodec.parseInteger($0) } == nil)
        var buffer: [UInt8] = []
        TextCodec.appendInteger(Int64.min, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "-9223372036854775808")
    }

    @Test func uuids() {
        let uuid = UUID()
        var buffer: [UInt8] = []
        TextCodec.appendUUID(uuid, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == uuid.uuidString.lowercased())
        #expect(buffer.withUnsafeBufferPointer { TextCodec.parseUUID($0) } == uuid)
        #expect(withBytes("00000000-0000-0000-0000-00000000000g") { TextCodec.parseUUID($0) } == nil)
        #expect(withBytes("000000000000-0000-0000-000000000000") { TextCodec.parseUUID($0) } == nil)
    }

    @Test func timestamps() {
        func parse(_ text: String) -> Double? {
            withBytes(text) { PostgresTimestamp.parse($0) }?.timeIntervalSince1970
        }
        #expect(parse("1970-01-01 00:00:00+00") == 0)
        #expect(parse("1970-01-01 05:30:00+05:30") == 0)
        #expect(parse("1969-12-31 19:00:00-05") == 0)
        #expect(parse("1970-01-01 00:00:00.5+00") == 0.5)
        #expect(parse("1970-01-01") == 0)
        #expect(parse("0001-01-01 00:00:00+00 BC") == -62_167_219_200)
        #expect(parse("infinity") == nil)
        #expect(parse("1970-13-01 00:00:00+00") == nil)
        #expect(parse("1970-01-01 00:00:00+00 extra") == nil)
        var buffer: [UInt8] = []
        PostgresTimestamp.appendText(Date(timeIntervalSince1970: 1_795_255_200.123456), to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "2026-11-21 10:00:00.123456+00")
    }

    @Test func arrayLiterals() {
        let parsed = withBytes(#"{a,"b c","q\"x",NULL,"NULL",""}"#) { ArrayLiteralParser.parse($0) }
        #expect(parsed == [Array("a".utf8), Array("b c".utf8), Array("q\"x".utf8), nil, Array("NULL".utf8), []])
        #expect(withBytes("{}") { ArrayLiteralParser.parse($0) } == [])
        #expect(withBytes("{{1,2},{3,4}}") { ArrayLiteralParser.parse($0) } == nil)
        #expect(withBytes(#"{"unterminated}"#) { ArrayLiteralParser.parse($0) } == nil)
    }

    @Test func byteaHex() {
        #expect(withBytes("\\x00ff10") { TextCodec.parseByteaHex($0) } == [0, 255, 16])
        #expect(withBytes("\\x") { TextCodec.parseByteaHex($0) } == [])
        #expect(withBytes("\\x0") { TextCodec.parseByteaHex($0) } == nil)
        #expect(withBytes("00") { TextCodec.parseByteaHex($0) } == nil)
    }

    @Test func migrationFileNames() {
        #expect(MigrationFile.isValidName("0001_outbox.sql"))
        #expect(MigrationFile.isValidName("0002_users_v2.sql"))
        #expect(!MigrationFile.isValidName("0001_.sql"))
        #expect(!MigrationFile.isValidName("001_x.sql"))
        #expect(!MigrationFile.isValidName("0001_X.sql"))
        #expect(!MigrationFile.isValidName("0001_x.sql.bak"))
        #expect(!MigrationFile.isValidName("0001-x.sql"))
    }
}
