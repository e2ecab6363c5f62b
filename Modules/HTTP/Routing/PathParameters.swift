public import Foundation
import Kernel

/// The values of a route's `{name}` segments, percent-decoded on access.
/// Every typed getter throws `400 invalid_path_parameter` rather than returning a wrong value.
public struct PathParameters: Sendable {
    var names: [String]
    var rawValues: [Substring]

    /// No parameters.
    public init() {
        names = []
        rawValues = []
    }

    /// Parameters from name/value pairs (for tests and hand-built contexts).
    public init(_ pairs: [(String, String)]) {
        names = pairs.map(\.0)
        rawValues = pairs.map { Substring($0.1) }
    }

    init(names: [String], rawValues: [Substring]) {
        self.names = names
        self.rawValues = rawValues
    }

    /// The parameter's decoded text; throws `400` when the route has no such parameter or its escapes are invalid.
    public func string(_ name: String) throws -> String {
        guard let index = names.firstIndex(of: name) else { throw invalid(name, "is missing") }
        guard let value = PercentDecoding.decode(rawValues[index], plusIsSpace: false) else {
            throw invalid(name, "has invalid percent-encoding")
        }
        return value
    }

    /// The parameter as a UUID (any letter case accepted, as IDs are lower-case UUIDs); else `400`.
    public func uuid(_ name: String) throws -> UUID {
        let text = try string(name)
        guard let uuid = UUIDText.parse(text) else { throw invalid(name, "must be a UUID") }
        return uuid
    }

    /// The parameter as a decimal integer; else `400`.
    public func int(_ name: String) throws -> Int {
        let text = try string(name)
        guard let value = Int(text, radix: 10) else { throw invalid(name, "must be an integer") }
        return value
    }

    func invalid(_ name: String, _ message: String) -> ProblemDetails {
        ProblemDetails(status: .badRequest, code: "invalid_path_parameter",
                       detail: "The path parameter '\(name)' \(message).",
                       errors: [.init(field: name, message: message)])
    }
}
