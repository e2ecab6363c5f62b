public import Kernel

/// A batch's reference as the buyer wrote it on the purchase order: 1 to 64 letters, digits, `.`, `_` or `-`,
/// starting with a letter or digit (it appears in URLs, so nothing needs escaping). Case-sensitive, unique.
public struct BatchReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(DomainError) {
        let bytes = Array(raw.utf8)
        func alphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
        }
        guard (1...64).contains(bytes.count), alphanumeric(bytes[0]),
              bytes.dropFirst().allSatisfy({ alphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        else {
            throw .validation(field: "reference",
                              message: "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        value = raw
    }

    /// A reference read back from storage, where only checked values are written: not checked again.
    public init(stored: String) { value = stored }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public var description: String { value }
}
