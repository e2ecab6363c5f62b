import JSON
import Testing

/// A fixed-seed generator so the "never crashes" tests are deterministic.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private struct Shape: Decodable {
    var a: Int?
    var b: [String: [Int]]?
    var c: [Shape]?
}

@Suite struct JSONRobustnessTests {
    @Test func mutatedDocumentsNeverTrap() {
        var random = SplitMix64(state: 42)
        let seeds = [#"{"a":1,"b":{"x":[1,2]},"c":[{"a":-0}]}"#, #"["\u00e9",1e5,true,null,{}]"#, #""\ud83d\ude00""#]
        let alphabet = Array(#"{}[]":,-+.eE0123456789tfnul\ "#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF]
        for i in 0..<3000 {
            var bytes = Array(seeds[i % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                let byte = alphabet.randomElement(using: &random) ?? 0
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.insert(byte, at: position)
                case 1 where position < bytes.count: bytes.remove(at: position)
                default: if position < bytes.count { bytes[position] = byte }
                }
            }
            _ = try? StrictJSONDecoder().decode(Shape.self, from: bytes)
            _ = try? JSONParser.parse(bytes)
        }
    }
}
