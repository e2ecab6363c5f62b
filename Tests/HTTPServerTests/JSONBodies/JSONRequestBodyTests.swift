import Foundation
import HTTPServer
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

private struct Batch: Decodable {
    var reference: String
    var eta: Date?
    var id: UUID
}

private func request(_ body: String, contentType: String? = "application/json") -> HTTPRequest {
    var headers: HTTPHeaders = [:]
    if let contentType { headers.add("Content-Type", contentType) }
    return HTTPRequest(method: .post, target: "/v1/orders", headers: headers, body: Array(body.utf8))
}

private func problem<T: Decodable>(_ type: T.Type, _ request: HTTPRequest) -> ProblemDetails? {
    do {
        _ = try request.decode(type)
        return nil
    } catch let problem as ProblemDetails {
        return problem
    } catch {
        return nil
    }
}

/// `HTTPRequest.decode`: the strict decoder behind the request body, with each of its refusals as the problem
/// a client receives (the decoder's own errors are pinned in JSONTests).
@Suite struct JSONRequestBodyTests {
    @Test func decodesNestedValuesAndNullOptionals() throws {
        let order = try request(#"{"lines":[{"sku":"A-1","quantity":2}],"note":null}"#).decode(PlaceOrder.self)
        #expect(order == PlaceOrder(lines: [Line(sku: "A-1", quantity: 2)], note: nil))
        let absent = try request(#" {"lines":[]} "#).decode(PlaceOrder.self)
        #expect(absent.note == nil)
    }

    @Test func acceptsCharsetParameterAnyCase() throws {
        for type in ["application/json; charset=utf-8", "Application/JSON", "application/json;charset=\"UTF-8\""] {
            #expect(throws: Never.self) { try request(#"{"lines":[]}"#, contentType: type).decode(PlaceOrder.self) }
        }
    }

    @Test func rejectsOtherMediaTypesWith415() {
        for type in ["text/plain", "application/jsonx", "application/json; charset=latin1", "application/x-www-form-urlencoded"] {
            #expect(problem(PlaceOrder.self, request("{}", contentType: type))?.code == "unsupported_media_type")
        }
        #expect(problem(PlaceOrder.self, request("{}", contentType: nil))?.status == .unsupportedMediaType)
    }

    @Test func reportsUnknownFieldsWithPaths() {
        let p = problem(PlaceOrder.self, request(#"{"lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":1,"colour":"red"}],"extra":1}"#))
        #expect(p?.status == .unprocessableContent)
        #expect(p?.code == "unknown_field")
        #expect(p?.errors.map(\.field).sorted() == ["extra", "lines[1].colour"])
    }

    @Test func aMisspelledRequiredFieldIsReportedAsUnknownRatherThanMissing() {
        let typo = problem(PlaceOrder.self, request(#"{"lines":[{"skú":"A","quantity":1}]}"#))
        #expect(typo?.code == "unknown_field")
        #expect(typo?.errors.map(\.field) == ["lines[0].skú"])
        let cased = problem(PlaceOrder.self, request(#"{"Lines":[]}"#))
        #expect(cased?.code == "unknown_field")
        #expect(cased?.errors.map(\.field) == ["Lines"])
        // Nothing like the missing member: it is reported missing.
        let unrelated = problem(PlaceOrder.self, request(#"{"lines":[{"colour":"red","quantity":1}]}"#))
        #expect(unrelated?.code == "validation_failed")
        #expect(unrelated?.errors.first == .init(field: "lines[0].sku", message: "is required"))
    }

    @Test func reportsWrongTypesAndMissingFieldsWithPaths() {
        let wrong = problem(PlaceOrder.self, request(#"{"lines":[{"sku":"A","quantity":"2"}]}"#))
        #expect(wrong?.code == "validation_failed")
        #expect(wrong?.errors.first?.field == "lines[0].quantity")
        let missing = problem(PlaceOrder.self, request(#"{"lines":[{"quantity":2}]}"#))
        #expect(missing?.errors.first == .init(field: "lines[0].sku", message: "is required"))
        let null = problem(PlaceOrder.self, request(#"{"lines":null}"#))
        #expect(null?.errors.first == .init(field: "lines", message: "must not be null"))
        let notObject = problem(PlaceOrder.self, request(#"[1]"#))
        #expect(notObject?.code == "validation_failed")
    }

    @Test func rejectsMalformedJSONWith400() {
        let bodies = ["", "{", #"{"lines":[],}"#, "[1,]", "// c\n{}", "{'a':1}", "01", "NaN", #"{"a" 1}"#, "{} {}",
                      "\"\u{01}\"", #""\x""#, #""\ud800""#, "tru", "-", "1.", "1e"]
        for body in bodies {
            #expect(problem(PlaceOrder.self, request(body))?.code == "malformed_json", "\(body)")
        }
        var invalidUTF8 = request("")
        invalidUTF8.body = [0x22, 0xC3, 0x28, 0x22]
        #expect(problem(String.self, invalidUTF8)?.code == "malformed_json")
    }

    @Test func rejectsDuplicateKeysAsMalformed() {
        #expect(problem(PlaceOrder.self, request(#"{"lines":[],"lines":[]}"#))?.code == "malformed_json")
        let many = (0..<40).map { "\"k\($0)\":1" }.joined(separator: ",") + ",\"k3\":2"
        #expect(problem([String: Int].self, request("{\(many)}"))?.status == .badRequest)
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(problem(JSONValue.self, request(deep))?.code == "malformed_json")
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try request(ok).decode(JSONValue.self) }
        let hostile = String(repeating: "[", count: 100_000)
        #expect(problem(JSONValue.self, request(hostile))?.status == .badRequest)
    }

    @Test func numbersAreExact() throws {
        #expect(try request("9223372036854775807").decode(Int.self) == Int.max)
        #expect(problem(Int.self, request("9223372036854775808"))?.code == "validation_failed")
        #expect(problem(Int.self, request("1.5"))?.code == "validation_failed")
        #expect(problem(Int.self, request("1e3"))?.code == "validation_failed")
        #expect(problem(UInt8.self, request("256"))?.code == "validation_failed")
        #expect(problem(Double.self, request("1e400"))?.code == "validation_failed")
        #expect(try request("-2.5e-3").decode(Double.self) == -0.0025)
    }

    @Test func decodesDatesAndUUIDs() throws {
        let batch = try request(#"{"reference":"b","eta":"2026-11-21T10:00:00Z","id":"6F9619FF-8B86-D011-B42D-00C04FC964FF"}"#).decode(Batch.self)
        #expect(batch.eta == Date(timeIntervalSince1970: 1_795_255_200))
        #expect(batch.id.uuidString == "6F9619FF-8B86-D011-B42D-00C04FC964FF")
        let offset = try request(#"{"reference":"b","eta":"2026-11-21T11:30:00.5+01:30","id":"6f9619ff-8b86-d011-b42d-00c04fc964ff"}"#).decode(Batch.self)
        #expect(offset.eta == Date(timeIntervalSince1970: 1_795_255_200.5))
        let bad = problem(Batch.self, request(#"{"reference":"b","eta":"2026-02-30T10:00:00Z","id":"6f9619ff-8b86-d011-b42d-00c04fc964ff"}"#))
        #expect(bad?.errors.first?.field == "eta")
        #expect(problem(Batch.self, request(#"{"reference":"b","id":"nope"}"#))?.errors.first?.field == "id")
    }

    @Test func enumValuesAreReportedWithoutTypeNames() {
        enum Status: String, Decodable { case active, disabled }
        struct Patch: Decodable { var status: Status? }
        let p = problem(Patch.self, request(#"{"status":"deleted"}"#))
        #expect(p?.errors == [.init(field: "status", message: "is not one of the allowed values")])
        #expect((try? request(#"{"status":"disabled"}"#).decode(Patch.self))?.status == .disabled)
    }

    @Test func dictionariesAndRawValuesAcceptTheirMembers() throws {
        #expect(try request(#"{"a":1,"b":2}"#).decode([String: Int].self) == ["a": 1, "b": 2])
        let raw = try request(#"{"x":{"y":[true,null,"\u00e9\ud83d\ude00"]}}"#).decode(JSONValue.self)
        #expect(raw["x"]?["y"] == .array([.bool(true), .null, .string("é😀")]))
    }
}
