import Kernel

/// JSON strings (RFC 8259 §7): escapes, surrogate pairs, and strict UTF-8.
extension FlatJSONObject.Parser {
    mutating func string() throws(FlatJSONError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw .malformed }
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the value.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            guard bytes[index] >= 0x20 else { throw .malformed }
            index += 1
        }
        guard index < bytes.count else { throw .malformed }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return try Self.text(bytes[start..<(index - 1)])
        }
        var utf8 = Array(bytes[start..<index])
        while bytes[index] == UInt8(ascii: "\\") {
            index += 1
            try unescape(into: &utf8)
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                guard bytes[index] >= 0x20 else { throw .malformed }
                utf8.append(bytes[index])
                index += 1
            }
            guard index < bytes.count else { throw .malformed }
        }
        index += 1  // closing quote
        return try Self.text(utf8[...])
    }

    /// Validated UTF-8 to String. ASCII (every name and nearly every value) skips the generic,
    /// unspecialized validator, which otherwise dominates the parse.
    static func text(_ utf8: ArraySlice<UInt8>) throws(FlatJSONError) -> String {
        let ascii = utf8.withUnsafeBufferPointer { buffer in
            buffer.allSatisfy { $0 < 0x80 } ? String(decoding: buffer, as: UTF8.self) : nil
        }
        if let ascii { return ascii }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .malformed }
        return text
    }

    /// One escape sequence after its backslash.
    mutating func unescape(into utf8: inout [UInt8]) throws(FlatJSONError) {
        guard index < bytes.count else { throw .malformed }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low one; lone halves are not text.
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw .malformed }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw .malformed }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .malformed }
            UTF8.encode(unicode) { utf8.append($0) }
        default: throw .malformed
        }
    }

    mutating func hex4() throws(FlatJSONError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw .malformed }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = HexDigit.value(bytes[index]) else { throw .malformed }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
