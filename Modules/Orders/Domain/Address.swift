public import Kernel

/// Where an order goes (the contract's `Address`): `name`, `line1`, `city`, `postalCode` 1..100 characters (trimmed,
/// no control characters); `line2` optional, same rule; `phone` optional, 3..32 of digits, spaces and `+ - ( )`;
/// `country` an assigned ISO 3166-1 alpha-2 code, upper-cased. Every broken rule is reported at once, each under
/// `fieldPrefix` (e.g. `shippingAddress.city`).
public struct Address: Sendable, Equatable {
    public let name: String
    public let line1: String
    public let line2: String?
    public let city: String
    public let postalCode: String
    /// Upper case, one of `Country.codes`.
    public let country: String
    public let phone: String?

    public static let textLength = 1...100
    public static let phoneLength = 3...32

    /// The address from raw members; `422 validation_failed` naming every member that breaks its rule.
    public init(name: String, line1: String, line2: String?, city: String, postalCode: String, country: String,
                phone: String?, fieldPrefix: String = "") throws(DomainError) {
        var issues: [DomainError.FieldIssue] = []
        func text(_ raw: String, _ field: String) -> String {
            let trimmed = raw.trimmingWhitespace()
            if !Self.textLength.contains(trimmed.unicodeScalars.count) || trimmed.containsControlCharacters() {
                issues.append(.init(field: fieldPrefix + field, message: "must be 1 to 100 characters"))
            }
            return trimmed
        }
        let name = text(name, "name"), line1 = text(line1, "line1"), city = text(city, "city")
        let postalCode = text(postalCode, "postalCode")
        let line2 = line2.map { text($0, "line2") }
        let country = Country.code(country)
        if country == nil {
            issues.append(.init(field: fieldPrefix + "country", message: "must be an ISO 3166-1 alpha-2 country code such as DE or FR"))
        }
        if let phone, !Self.isPhone(phone) {
            issues.append(.init(field: fieldPrefix + "phone", message: "must be 3 to 32 digits, spaces or + - ( )"))
        }
        guard issues.isEmpty, let country else {
            throw DomainError(.validation, code: "validation_failed", message: "the address is invalid", fields: issues)
        }
        self.init(stored: name, line1: line1, line2: line2, city: city, postalCode: postalCode, country: country, phone: phone)
    }

    /// An address read back from storage, where only checked addresses are written: not checked again.
    public init(stored name: String, line1: String, line2: String?, city: String, postalCode: String, country: String, phone: String?) {
        self.name = name
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.phone = phone
    }

    /// 3..32 of ASCII digits, spaces and `+ - ( )`.
    static func isPhone(_ raw: String) -> Bool {
        let bytes = raw.utf8
        return Self.phoneLength.contains(bytes.count) && bytes.allSatisfy { byte in
            (48...57).contains(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
        }
    }
}
