import ProductsContracts

/// Strong entity tags of single products: `"<version>"` (RFC 9110 §8.8.3).
enum ETag {
    static func of(_ product: ProductDTO) -> String { "\"\(product.version)\"" }

    /// Whether `If-None-Match` matches `etag` (weak comparison, RFC 9110 §13.1.2), so the answer is `304`.
    static func noneMatchIsSatisfied(_ header: String, _ etag: String) -> Bool {
        tags(header).contains { $0 == "*" || strippingWeakness($0) == etag }
    }

    /// The version an `If-Match` header requires (strong comparison, RFC 9110 §13.1.1): nil for `*` (any current
    /// version), the first well-formed strong tag of ours otherwise, and `-1` (matching nothing, so `412`) when the
    /// header names no such tag.
    static func expectedVersion(_ header: String) -> Int64? {
        let tags = tags(header)
        if tags.contains("*") { return nil }
        for tag in tags where tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count >= 3 {
            // Entity tags compare as opaque strings: `"01"` or `"+1"` is not our `"1"`.
            if let version = Int64(tag.dropFirst().dropLast()), tag == "\"\(version)\"" { return version }
        }
        return -1
    }

    private static func tags(_ header: String) -> [String] {
        header.split(separator: ",").map { String($0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
            .filter { !$0.isEmpty }
    }

    private static func strippingWeakness(_ tag: String) -> String { tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
}
