// libFuzzer entry for the list cursor decoder (Kernel's CursorCodec), which reads the `cursor` query parameter of
// every listing. Built by Tests/Fuzz/run against the Kernel module.
import Kernel

/// A keyed MAC stand-in (FNV-1a, 16 bytes): the fuzzer needs a MAC it can compute, not a secure one.
private let keyed = CursorCodec { message in
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var out: [UInt8] = []
    for round in 0..<2 {
        hash ^= UInt64(round)
        for byte in message { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: hash >> UInt64(shift))) }
    }
    return out
}

/// A MAC that always gives the same tag: any payload then passes the tag check, so the fuzzer reaches the payload
/// reader (the length-prefixed values) with bytes of its own choosing, as if it had the server's secret.
private let forgeable = CursorCodec { _ in [UInt8](repeating: 7, count: 32) }
private let forgeableTag = Base64NoPadding.url.encode([UInt8](repeating: 7, count: 16))

/// Decodes `data` as a cursor string, and as the payload of a cursor that passes the MAC; checks that
/// decode(encode(values)) == values for values taken from `data`, that a cursor is refused under another scope,
/// and that whatever a payload decodes to survives encode → decode unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCursor(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? keyed.decode(text, scope: "products:-price")

    let forged = Base64NoPadding.url.encode(bytes) + "." + forgeableTag
    if let position = try? forgeable.decode(forged, scope: "s") {
        let again = try? forgeable.decode(forgeable.encode(position, scope: "s"), scope: "s")
        if again != position { fatalError("a decoded position does not survive encode → decode") }
    }

    // Values: the input split at zero bytes (each piece made valid UTF-8).
    let values = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let position = CursorPosition(values)
    let cursor = keyed.encode(position, scope: "orders:-created_at")
    guard let decoded = try? keyed.decode(cursor, scope: "orders:-created_at") else {
        if cursor.utf8.count <= 2048 { fatalError("a cursor we issued is refused: \(values)") }
        return 0
    }
    if decoded != position { fatalError("decode(encode(x)) != x: \(values) → \(decoded.values)") }
    if (try? keyed.decode(cursor, scope: "orders:created_at")) != nil { fatalError("a cursor decoded under another scope") }
    return 0
}
