/// Unpadded base64 in either alphabet: base64url for JWS (RFC 7515 §2) and list cursors, the standard one for
/// PHC strings.
///
/// Decoding is strict on purpose: one token must have exactly one spelling, so padding, whitespace,
/// characters of the other alphabet and non-zero unused trailing bits are all refused.
public struct Base64NoPadding: Sendable {
    /// The 64 symbols in value order.
    private let symbols: [UInt8]
    /// Byte value to 6-bit value; 0xFF marks "not in this alphabet".
    private let values: [UInt8]

    /// RFC 4648 §5: `-` and `_`.
    public static let url = Base64NoPadding(last2: "-_")
    /// RFC 4648 §4 without `=`, as the PHC string format uses it.
    public static let standard = Base64NoPadding(last2: "+/")

    private init(last2: String) {
        symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8) + Array(last2.utf8)
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in symbols.enumerated() { table[Int(symbol)] = UInt8(value) }
        values = table
    }

    /// The unpadded text for `bytes`.
    public func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            let b1 = iterator.next(), b2 = iterator.next()
            let word = UInt32(b0) << 16 | UInt32(b1 ?? 0) << 8 | UInt32(b2 ?? 0)
            out.append(symbols[Int(word >> 18 & 63)])
            out.append(symbols[Int(word >> 12 & 63)])
            if b1 != nil { out.append(symbols[Int(word >> 6 & 63)]) }
            if b2 != nil { out.append(symbols[Int(word & 63)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of unpadded text, or nil for anything that is not the canonical encoding of some bytes.
    public func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        // Contiguous input (all our callers) takes the unchecked fast path: this runs on every request.
        if let result = text.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return result }
        return Array(text).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private func decode(buffer text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // A remainder of one symbol carries only 6 bits, less than a byte: no encoder produces it.
        guard text.count % 4 != 1 else { return nil }
        let outputCount = text.count * 3 / 4
        var valid = true
        let out = values.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
                var accumulator: UInt32 = 0
                var bits: UInt32 = 0
                var written = 0
                for symbol in text {
                    let value = table[Int(symbol)]
                    guard value != 0xFF else { valid = false; break }
                    accumulator = accumulator << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        out[written] = UInt8(truncatingIfNeeded: accumulator >> bits)
                        written += 1
                        accumulator &= (1 << bits) - 1
                    }
                }
                // Left-over bits must be zero, or two texts would decode to the same bytes.
                if accumulator != 0 { valid = false }
                initialized = written
            }
        }
        return valid ? out : nil
    }
}
