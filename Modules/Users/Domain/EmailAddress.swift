public import Kernel

/// A user's email address, trimmed and lower-cased: the unique login name.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// Validates `raw` after normalising it; `422` (field `email`) when it does not look like an address.
    public init(_ raw: String) throws(DomainError) {
        let normalized = EmailAddress.normalize(raw)
        guard EmailAddress.looksValid(normalized) else {
            throw .validation(field: "email", message: "must be an email address such as name@example.com")
        }
        value = normalized
    }

    /// A normalised address read back from storage, where only checked values are written: not checked again.
    public init(stored: String) { value = stored }

    /// Trimmed and lower-cased, the form used for lookups even when the input is not a valid address.
    public static func normalize(_ raw: String) -> String {
        raw.trimmingWhitespace().lowercased()
    }

    public var description: String { value }

    /// A pragmatic check (not full RFC 5322): one `@`, a local part of 1…64 printable ASCII characters without
    /// spaces, and a domain of dot-separated labels (letters, digits, hyphens) with at least one dot; ≤ 254 in all.
    static func looksValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")),
              bytes.lastIndex(of: UInt8(ascii: "@")) == at else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard (1...64).contains(local.count), local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."),
              local.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"()<>[]:;,\\\"".utf8.contains($0) }) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") }
        }
    }
}
