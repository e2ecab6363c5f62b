import JSON
import Testing

/// The flat objects of JWT headers and claim sets (CryptoTests check them through `AccessTokenCodec`).
@Suite struct FlatJSONObjectTests {
    private func parse(_ text: String) throws(FlatJSONError) -> FlatJSONObject { try FlatJSONObject.parse(Array(text.utf8)) }

    @Test func readsScalarsAndScalarArraysInOrder() throws {
        let object = try parse(#" {"a\u006cg":"HS256","n":-12,"f":1.5,"big":92233720368547758070,"t":true,"z":null,"aud":["x","y"]} "#)
        #expect(object.members.map(\.name) == ["alg", "n", "f", "big", "t", "z", "aud"])
        #expect(object["alg"] == .string("HS256") && object["n"] == .integer(-12))
        #expect(object["f"] == .otherNumber && object["big"] == .otherNumber)
        #expect(object["t"] == .bool(true) && object["z"] == .null && object["aud"] == .array([.string("x"), .string("y")]))
        #expect(object["missing"] == nil)
    }

    @Test func refusesDuplicatesAfterUnescapingAndAnythingNotFlat() {
        #expect(throws: FlatJSONError.duplicateMember) { try parse(#"{"alg":"HS256","a\u006cg":"none"}"#) }
        for text in [#"{"a":{"b":1}}"#, #"{"a":[[1]]}"#, #"{"a":1,}"#, "[]", #"{"a":1} x"#, #"{"a":"\ud800"}"#, #"{"a":01}"#] {
            #expect(throws: FlatJSONError.malformed, "\(text)") { try parse(text) }
        }
        let tooMany = "{" + (0...FlatJSONObject.maxMembers).map { "\"k\($0)\":1" }.joined(separator: ",") + "}"
        #expect(throws: FlatJSONError.malformed) { try parse(tooMany) }
    }

    @Test func theWriterKeepsOrderAndEscapesEveryControlCharacter() throws {
        var writer = JSONObjectWriter()
        writer.member("alg", "HS256")
        writer.member("exp", Int64(-3))
        writer.member("ok", true)
        writer.member("aud", strings: ["a\"b", "c\\d\n\u{1F}"])
        let bytes = writer.finish()
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"alg":"HS256","exp":-3,"ok":true,"aud":["a\"b","c\\d\u000a\u001f"]}"#)
        let parsed = try FlatJSONObject.parse(bytes)
        #expect(parsed["aud"] == .array([.string("a\"b"), .string("c\\d\n\u{1F}")]))
    }
}
