/// The contract's `Address` as sent and shown: `{"name","line1","line2","city","postalCode","country","phone"}`;
/// `line2` and `phone` `null` when absent. Any other member is `422 unknown_field` (the strict decoder).
public struct AddressDTO: Sendable, Codable, Equatable {
    public var name: String
    public var line1: String
    public var line2: String?
    public var city: String
    public var postalCode: String
    public var country: String
    public var phone: String?

    public init(name: String, line1: String, line2: String? = nil, city: String, postalCode: String, country: String,
                phone: String? = nil) {
        self.name = name
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.phone = phone
    }
}
