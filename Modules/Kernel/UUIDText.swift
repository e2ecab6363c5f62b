public import Foundation

/// Parsing of textual UUIDs (`8-4-4-4-12` hex digits, any letter case) without Foundation's
/// `sscanf`-based initializer, which dominated profiles of ID-heavy requests. The strict JSON decoder, HTTP path and
/// query parameters and PostgreSQL's `uuid` columns all read UUIDs with it, so they accept the same text.
public enum UUIDText {
    /// The UUID `text` spells in the canonical `8-4-4-4-12` form (either letter case), or nil for anything else.
    public static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// The UUID the UTF-8 bytes `utf8` spell in the canonical `8-4-4-4-12` form (either letter case), or nil.
    public static func parse(utf8: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard utf8.count == 36 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var source = 0
            for index in 0..<16 {
                if source == 8 || source == 13 || source == 18 || source == 23 {
                    guard utf8[source] == UInt8(ascii: "-") else { return false }
                    source += 1
                }
                guard let high = HexDigit.value(utf8[source]),
                      let low = HexDigit.value(utf8[source + 1]) else { return false }
                out[index] = high << 4 | low
                source += 2
            }
            return true
        }
        return ok ? UUID(uuid: bytes) : nil
    }
}
