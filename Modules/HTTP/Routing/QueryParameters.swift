public import Foundation
import Kernel

/// The decoded `name=value` pairs of a query string (`+` is a space, `%XX` escapes decoded;
/// a pair whose escapes are invalid is kept verbatim). Typed getters throw `422 validation_failed`
/// naming the parameter.
public struct QueryParameters: Sendable {
    /// The pairs in order; a name may repeat.
    public let pairs: [(name: String, value: String)]

    /// Parses `query` (the part after `?`, nil for none).
    public init(_ query: Substring?) {
        guard let query, !query.isEmpty else {
            pairs = []
            return
        }
        pairs = query.split(separator: "&").map { component in
            let parts = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0]
            let value = parts.count > 1 ? parts[1] : ""
            return (name: PercentDecoding.decode(name, plusIsSpace: true) ?? String(name),
                    value: PercentDecoding.decode(value, plusIsSpace: true) ?? String(value))
        }
    }

    /// The first value of `name`, or nil when absent.
    public subscript(name: String) -> String? {
        for pair in pairs where pair.name == name { return pair.value }
        return nil
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The value of `name`, or nil when absent or empty.
    public func string(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }

    /// The integer value of `name` (nil when absent or empty); `422` when not an integer or outside `range`.
    public func int(_ name: String, in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text, radix: 10) else { throw Self.invalid(name, "must be an integer") }
        if let range, !range.contains(value) {
            throw Self.invalid(name, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// The UUID value of `name` (nil when absent or empty); `422` when not a UUID.
    public func uuid(_ name: String) throws -> UUID? {
        guard let text = string(name) else { return nil }
        guard let value = UUIDText.parse(text) else { throw Self.invalid(name, "must be a UUID") }
        return value
    }

    /// The value of `name` when it is one of `allowed` (nil when absent or empty); else `422`.
    public func oneOf(_ name: String, _ allowed: [String]) throws -> String? {
        guard let text = string(name) else { return nil }
        guard allowed.contains(text) else { throw Self.invalid(name, "must be one of: \(allowed.joined(separator: ", "))") }
        return text
    }

    /// The `422 validation_failed` problem for parameter `name`.
    public static func invalid(_ name: String, _ message: String) -> ProblemDetails {
        ProblemDetails(status: .unprocessableContent, code: "validation_failed",
                       detail: "The query parameter '\(name)' \(message).",
                       errors: [.init(field: name, message: message)])
    }
}
