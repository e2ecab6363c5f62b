/// Reading back what the domain wrote. A stored row went through the domain's rules on its way in, so reading
/// it is decoding, not validating: a value that still does not fit (a hand edit, a schema that drifted) is the
/// server's fault, so it throws `PostgresError` of kind `.decoding` naming the column — a logged `500`, never a
/// `4xx` blaming the caller, and never a silent fallback to some other value.
extension PostgresRow {
    /// The text in column `index` turned into `T` by `make`; `.decoding` when `make` answers nil.
    public func decode<T>(_ type: T.Type, at index: Int, stored make: (String) -> T?) throws(PostgresError) -> T {
        let text = try decode(String.self, at: index)
        guard let value = make(text) else { throw unknownStoredValue(String(text.prefix(64)), of: T.self, at: index) }
        return value
    }

    /// A string-backed enum the domain stored by its raw value (a status, a role); `.decoding` for any other text.
    public func decode<T: RawRepresentable>(_ type: T.Type, at index: Int) throws(PostgresError) -> T where T.RawValue == String {
        try decode(type, at: index, stored: T.init(rawValue:))
    }

    /// An array of string-backed enums (e.g. a user's roles); `.decoding` when any element is unknown.
    public func decode<T: RawRepresentable>(_ type: [T].Type, at index: Int) throws(PostgresError) -> [T] where T.RawValue == String {
        var values: [T] = []
        for text in try decode([String].self, at: index) {
            guard let value = T(rawValue: text) else { throw unknownStoredValue(String(text.prefix(64)), of: T.self, at: index) }
            values.append(value)
        }
        return values
    }

    private func unknownStoredValue<T>(_ text: String, of type: T.Type, at index: Int) -> PostgresError {
        let name = index >= 0 && index < columns.count ? columns[index] : "#\(index)"
        return PostgresError(.decoding, message: "column \"\(name)\" holds \(text.debugDescription), which is not a stored \(T.self)",
                             column: name)
    }
}
