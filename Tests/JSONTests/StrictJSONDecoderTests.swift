import Foundation
import JSON
import Testing

private struct Line: Decodable, Equatable {
    var sku: String
    var quantity: Int
}

private struct PlaceOrder: Decodable, Equatable {
    var lines: [Line]
    var note: String?
}

private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try StrictJSONDecoder().decode(type, from: Array(text.utf8))
}

/// The decoder's own errors; HTTPServerTests' `JSONRequestBodyTests` pins the problems a client gets for them.
@Suite struct StrictJSONDecoderTests {
    @Test func decodesNestedValuesAndNullOptionals() throws {
        #expect(try decode(PlaceOrder.self, #"{"lines":[{"sku":"A-1","quantity":2}],"note":null}"#)
                == PlaceOrder(lines: [Line(sku: "A-1", quantity: 2)], note: nil))
        #expect(try decode(PlaceOrder.self, #" {"lines":[]} "#).note == nil)
    }

    @Test func unknownAndMisspelledMembersAreUnknownFieldsWithPaths() {
        #expect(throws: JSONDecodingError.unknownFields(["lines[1].colour", "extra"])) {
            try decode(PlaceOrder.self, #"{"lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":1,"colour":"red"}],"extra":1}"#)
        }
        #expect(throws: JSONDecodingError.unknownFields(["lines[0].skú"])) {
            try decode(PlaceOrder.self, #"{"lines":[{"skú":"A","quantity":1}]}"#)
        }
    }

    @Test func wrongMissingAndNullMembersAreInvalidValuesWithPaths() {
        #expect(throws: JSONDecodingError.invalidValue(field: "lines[0].sku", message: "is required")) {
            try decode(PlaceOrder.self, #"{"lines":[{"quantity":2}]}"#)
        }
        #expect(throws: JSONDecodingError.invalidValue(field: "lines", message: "must not be null")) {
            try decode(PlaceOrder.self, #"{"lines":null}"#)
        }
        #expect(throws: JSONDecodingError.invalidValue(field: "", message: "must be an integer between 0 and 255")) {
            try decode(UInt8.self, "256")
        }
    }

    @Test func malformedTextIsAParseErrorWithItsOffset() {
        #expect(throws: JSONParseError("duplicate key \"a\"", offset: 7)) { try decode([String: Int].self, #"{"a":1,"a":2}"#) }
        #expect(throws: JSONParseError.self) { try decode(JSONValue.self, String(repeating: "[", count: 65)) }
        #expect(throws: JSONParseError("leading zero in number", offset: 0)) { try decode(Int.self, "01") }
    }
}
