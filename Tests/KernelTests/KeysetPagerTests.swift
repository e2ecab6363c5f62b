import Kernel
import Testing

@Suite("Keyset pager")
struct KeysetPagerTests {
    // A keyed stand-in MAC, as in CursorTests: the pager's guarantees do not depend on which MAC App plugs in.
    let codec = CursorCodec { message in
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("server-key".utf8) + message { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (0..<16).map { UInt8(truncatingIfNeeded: state >> (8 * UInt64($0 % 8))) &+ UInt8($0) }
    }

    struct Row: Sendable, Equatable {
        var name: String
        var id: Int
    }

    var pager: KeysetPager { KeysetPager(cursors: codec, scope: "rows:name", keyCount: 2) }

    func rows(_ count: Int) -> [Row] { (0..<count).map { Row(name: "row \($0)", id: $0) } }

    func key(_ row: Row) -> [String] { [row.name, String(row.id)] }

    @Test func withoutACursorThePageStartsAtTheBeginning() throws {
        let request = try pager.request(cursor: nil, limit: 3)
        #expect(request == (try PageRequest(limit: 3)))
    }

    @Test func aCursorOfTheLastKeptRowLeadsToTheNextPage() throws {
        let request = try pager.request(cursor: nil, limit: 3)
        let page = pager.page(rows(4), for: request, key: key)
        #expect(page.items == Array(rows(4).prefix(3)))
        let next = try #require(page.nextCursor)
        #expect(try codec.decode(next, scope: "rows:name") == CursorPosition(["row 2", "2"]))
        #expect(try pager.request(cursor: next, limit: 3).after == CursorPosition(["row 2", "2"]))
    }

    @Test(arguments: [0, 2, 3])
    func noMoreRowsThanTheLimitIsTheLastPage(_ count: Int) throws {
        let page = pager.page(rows(count), for: try pager.request(cursor: nil, limit: 3), key: key)
        #expect(page.items == rows(count))
        #expect(page.nextCursor == nil)
    }

    @Test func aCursorOfAnotherListingIsRefused() throws {
        let elsewhere = codec.encode(CursorPosition(["row 2", "2"]), scope: "rows:-name")
        let error = #expect(throws: DomainError.self) { try pager.request(cursor: elsewhere, limit: 3) }
        #expect(error == .invalidCursor)
        #expect(error?.code == "invalid_cursor" && error?.kind == .malformed)
    }

    @Test(arguments: [[], ["row 2"], ["row 2", "2", "extra"]])
    func aCursorWithAnotherNumberOfKeyValuesIsRefused(_ values: [String]) throws {
        let cursor = codec.encode(CursorPosition(values), scope: "rows:name")
        let error = #expect(throws: DomainError.self) { try pager.request(cursor: cursor, limit: 3) }
        #expect(error == .invalidCursor)
    }

    @Test func theLimitIsCheckedAsByPageRequest() throws {
        let error = #expect(throws: DomainError.self) { try pager.request(cursor: nil, limit: 101) }
        #expect(error?.kind == .validation)
    }
}
