public import Kernel

/// The SKU a batch and an order line refer to, normalised as the catalog does: trimmed, upper-cased, then
/// `^[A-Z0-9][A-Z0-9-]{0,63}$`. Allocation keeps its own copy of the rule (contexts share no domain code).
public struct StockKeepingUnit: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    /// Normalises `raw`; `422` (field `sku`) when the result does not fit the pattern.
    public init(_ raw: String) throws(DomainError) {
        guard let sku = StockKeepingUnit(normalizing: raw) else {
            throw .validation(field: "sku", message: "must be 1 to 64 letters, digits or hyphens, starting with a letter or digit")
        }
        self = sku
    }

    /// Normalises `raw`, or nil when it is not a SKU.
    public init?(normalizing raw: String) {
        let scalars = raw.unicodeScalars
        let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let end = scalars.lastIndex { !$0.properties.isWhitespace }.map(scalars.index(after:)) ?? start
        let bytes = Array(String(scalars[start..<max(start, end)]).utf8).map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        func alphanumeric(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) }
        guard (1...64).contains(bytes.count), alphanumeric(bytes[0]),
              bytes.dropFirst().allSatisfy({ alphanumeric($0) || $0 == UInt8(ascii: "-") }) else { return nil }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// A SKU read back from storage, where only checked values are written: not checked again.
    public init(stored: String) { value = stored }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}
