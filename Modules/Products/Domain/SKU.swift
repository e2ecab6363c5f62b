public import Kernel

/// A stock-keeping unit: trimmed and upper-cased, then `^[A-Z0-9][A-Z0-9-]{0,63}$`. Immutable once a product
/// has it; other contexts (Orders, Allocation) refer to products by it.
public struct SKU: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised code, e.g. `RED-CHAIR-01`.
    public let value: String

    /// Normalises `raw`; `422` (field `sku`) when the result does not match the pattern.
    public init(_ raw: String) throws(DomainError) {
        let normalized = SKU.normalize(raw)
        guard SKU.isValid(normalized) else {
            throw .validation(field: "sku", message: "must be 1 to 64 letters, digits or hyphens, starting with a letter or digit")
        }
        value = normalized
    }

    /// Trimmed and upper-cased (ASCII only: any other character makes the SKU invalid anyway).
    public static func normalize(_ raw: String) -> String {
        String(decoding: raw.trimmingWhitespace().utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
    }

    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) }
        return alphanumeric(bytes[0]) && bytes.dropFirst().allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    public static func < (lhs: SKU, rhs: SKU) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}
