/// An ISO 4217 currency code: three upper-case ASCII letters.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code, e.g. `EUR`.
    public let code: String

    /// Accepts three ASCII letters in any case and stores them upper-cased; anything else is nil.
    public init?(_ code: String) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        self.code = upper
    }

    public var description: String { code }

    public static let eur = Currency(unchecked: "EUR")

    private init(unchecked code: String) { self.code = code }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 4217 code"))
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
