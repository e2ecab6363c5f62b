/// A stock-keeping unit, the one rule every context applies: trimmed of Unicode whitespace, ASCII upper-cased,
/// then `^[A-Z0-9][A-Z0-9-]{0,63}$`. Products own SKUs; Orders and Allocation refer to products by them.
public struct SKU: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised code, e.g. `RED-CHAIR-01`.
    public let value: String

    /// The contract's message for a SKU that does not fit the pattern.
    public static let rule = "must be 1 to 64 letters, digits or hyphens, starting with a letter or digit"

    /// Normalises `raw`; `422` (field `sku`) when the result does not match the pattern.
    public init(_ raw: String) throws(DomainError) {
        guard let sku = SKU(normalizing: raw) else { throw .validation(field: "sku", message: SKU.rule) }
        self = sku
    }

    /// Normalises `raw`, or nil when the result is not a SKU.
    public init?(normalizing raw: String) {
        let normalized = SKU.normalize(raw)
        guard SKU.isValid(normalized) else { return nil }
        value = normalized
    }

    /// A SKU read back from storage, where only normalised SKUs are ever written: not checked again.
    public init(stored: String) { value = stored }

    /// Trimmed and upper-cased (ASCII only: any other character makes the SKU invalid anyway). A caller that only
    /// looks SKUs up (an order's lines) uses this alone, so an unknown SKU is reported as unknown, not malformed.
    public static func normalize(_ raw: String) -> String {
        String(decoding: raw.trimmingWhitespace().utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
    }

    static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...64).contains(bytes.count), let first = bytes.first else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) }
        return alphanumeric(first) && bytes.dropFirst().allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    public static func < (lhs: SKU, rhs: SKU) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}
