import JSON

extension JSONObjectWriter {
    /// Appends a claim in its JSON form: a string, an integer, a boolean or an array of strings.
    mutating func member(_ name: String, _ value: ClaimValue) {
        switch value {
        case .string(let text): member(name, text)
        case .integer(let number): member(name, number)
        case .bool(let flag): member(name, flag)
        case .strings(let texts): member(name, strings: texts)
        }
    }
}
