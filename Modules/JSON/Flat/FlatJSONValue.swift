/// One member value of a flat JSON object (`FlatJSONObject`).
public enum FlatJSONValue: Sendable, Equatable {
    /// A string, unescaped and valid UTF-8.
    case string(String)
    /// A JSON integer literal (no fraction, no exponent) that fits in Int64.
    case integer(Int64)
    /// Any other number; its value is never needed, only that it is not an integer.
    case otherNumber
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array of scalars (nested arrays and objects are refused).
    case array([FlatJSONValue])
}
