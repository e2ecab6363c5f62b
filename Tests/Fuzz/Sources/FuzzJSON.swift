// libFuzzer entry for the JSON parsers (Modules/JSON): the strict RFC 8259 parser every request body goes through,
// the strict Codable decoder on top of it, and the flat-object parser the JWT reader uses. Built by Tests/Fuzz/run
// against the JSON and Kernel modules.
import JSON

/// A request-shaped body, so the strict decoder's keyed, unkeyed, optional and nested paths all run.
private struct Probe: Codable, Equatable {
    struct Line: Codable, Equatable {
        var sku: String
        var quantity: Int
    }
    var name: String
    var quantity: Int?
    var price: Double?
    var active: Bool?
    var tags: [String]?
    var lines: [Line]?
}

/// Parses `data` and checks, beyond not crashing:
/// - parse → write → parse gives the same value, and writing it again gives the same bytes;
/// - a text the flat parser accepts, the full parser accepts too, with the same member names and scalars
///   (two parsers disagreeing on one text is how `{"alg":"HS256","alg":"none"}`-style confusion starts);
/// - a body the strict decoder accepts re-encodes to one it decodes to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parsed = try? JSONParser.parse(bytes)
    if let parsed {
        let written = parsed.jsonBytes
        guard let reparsed = try? JSONParser.parse(written) else {
            fatalError("the writer's output does not parse: \(String(decoding: written, as: UTF8.self))")
        }
        if reparsed != parsed { fatalError("parse → write → parse changed the value") }
        if reparsed.jsonBytes != written { fatalError("writing is not stable") }
    }
    if let flat = try? FlatJSONObject.parse(bytes) {
        guard case .object(let members)? = parsed else { fatalError("the flat parser accepted what the full parser refused") }
        if members.map(\.key) != flat.members.map(\.name) { fatalError("the parsers disagree on the member names") }
        for (member, flatMember) in zip(members, flat.members) where !agree(member.value, flatMember.value) {
            fatalError("the parsers disagree on member \(member.key)")
        }
    }
    if let probe = try? StrictJSONDecoder().decode(Probe.self, from: bytes) {
        guard let encoded = try? StrictJSONEncoder().encode(probe) else { fatalError("a decoded body does not encode") }
        guard let again = try? StrictJSONDecoder().decode(Probe.self, from: encoded) else {
            fatalError("an encoded body does not decode: \(String(decoding: encoded, as: UTF8.self))")
        }
        // NaN never decodes, so Double equality is fine here.
        if again != probe { fatalError("decode → encode → decode changed the body") }
    }
    return 0
}

/// Whether the full parser's value and the flat parser's value are the same JSON scalar (or array of scalars).
private func agree(_ full: JSONValue, _ flat: FlatJSONValue) -> Bool {
    switch (full, flat) {
    case (.null, .null): true
    case let (.bool(a), .bool(b)): a == b
    case let (.string(a), .string(b)): a == b
    case let (.number(text), .integer(value)): Int64(text) == value
    case let (.number(text), .otherNumber): Int64(text) == nil
    case let (.array(elements), .array(flatElements)):
        elements.count == flatElements.count && zip(elements, flatElements).allSatisfy { agree($0, $1) }
    default: false
    }
}
