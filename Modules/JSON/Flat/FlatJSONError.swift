/// Why `FlatJSONObject.parse` refused its input.
public enum FlatJSONError: Error, Sendable, Equatable {
    /// Not exactly one object of scalar or scalar-array members (RFC 8259 syntax, strict UTF-8, the caps
    /// of `FlatJSONObject`).
    case malformed
    /// The object names the same member twice (after unescaping).
    case duplicateMember
}
