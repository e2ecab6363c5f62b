import Foundation
import JSON
import Testing

private struct Page: Codable, Equatable {
    var items: [Item]
    var nextCursor: String?
}

private struct Item: Codable, Equatable {
    var id: UUID
    var name: String
    var price: Int
    var eta: Date?
    var createdAt: Date
}

@Suite struct StrictJSONEncoderTests {
    let id = UUID(uuid: (0x6F, 0x96, 0x19, 0xFF, 0x8B, 0x86, 0xD0, 0x11, 0xB4, 0x2D, 0x00, 0xC0, 0x4F, 0xC9, 0x64, 0xFF))

    @Test func writesExplicitNullsDatesAndLowerCaseUUIDs() throws {
        let page = Page(items: [Item(id: id, name: "Chair", price: -1999, eta: nil,
                                     createdAt: Date(timeIntervalSince1970: 1_795_255_200.9))], nextCursor: nil)
        let text = String(decoding: try StrictJSONEncoder().encode(page), as: UTF8.self)
        #expect(text == #"{"items":[{"id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","name":"Chair","price":-1999,"eta":null,"createdAt":"2026-11-21T10:00:00Z"}],"nextCursor":null}"#)
        let omitting = String(decoding: try StrictJSONEncoder(omitsNilMembers: true).encode(page), as: UTF8.self)
        #expect(!omitting.contains("null"))
    }

    @Test func escapesStrings() throws {
        let text = String(decoding: try StrictJSONEncoder().encode(["k\"": "a\"b\\c\n\u{01}é😀</"]), as: UTF8.self)
        #expect(text == #"{"k\"":"a\"b\\c\n\u0001é😀</"}"#)
    }

    @Test func roundTrips() throws {
        let page = Page(items: [Item(id: id, name: "Tab\there", price: Int.min, eta: Date(timeIntervalSince1970: 0),
                                     createdAt: Date(timeIntervalSince1970: 4_102_444_799))], nextCursor: "abc")
        let bytes = try StrictJSONEncoder().encode(page)
        #expect(try StrictJSONDecoder().decode(Page.self, from: bytes) == page)
        #expect(String(decoding: bytes, as: UTF8.self).contains("2099-12-31T23:59:59Z"))
    }

    @Test func refusesNonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try StrictJSONEncoder().encode([Double.nan]) }
        #expect(String(decoding: (try? StrictJSONEncoder().encode([1.5, 0.25])) ?? [], as: UTF8.self) == "[1.5,0.25]")
    }

    @Test func formatsDatesBeforeTheEpoch() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.parse("2000-02-29T00:00:00Z") == Date(timeIntervalSince1970: 951_782_400))
        #expect(RFC3339.parse("2001-02-29T00:00:00Z") == nil)
        #expect(RFC3339.parse("2026-11-21 10:00:00Z") == nil)
    }
}
