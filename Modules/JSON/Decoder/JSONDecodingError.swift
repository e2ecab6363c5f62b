/// Why a well-formed JSON document does not fit the type it was decoded into.
public enum JSONDecodingError: Error, Sendable, Equatable {
    /// Members the type does not declare, as field paths (`lines[0].colour`).
    case unknownFields([String])
    /// A value of the wrong type, a missing required member, or a value the type refused.
    case invalidValue(field: String, message: String)
}
