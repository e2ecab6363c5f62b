import Foundation
import Kernel
import OrdersDomain
import Testing

@Suite("Shipping address")
struct AddressTests {
    static func address(name: String = "Ada Lovelace", line1: String = "1 Harbour Street", line2: String? = nil,
                        city: String = "Hamburg", postalCode: String = "20457", country: String = "DE",
                        phone: String? = nil) throws(DomainError) -> Address {
        try Address(name: name, line1: line1, line2: line2, city: city, postalCode: postalCode, country: country, phone: phone)
    }

    static func refusal(_ make: () throws(DomainError) -> Address) -> [String] {
        do {
            _ = try make()
            return []
        } catch {
            return error.code == "validation_failed" && error.kind == .validation ? error.fields.map(\.field) : ["?\(error.code)"]
        }
    }

    @Test func aValidAddressIsKeptTrimmedWithItsCountryUpperCased() throws {
        let address = try Self.address(name: "  Ada  ", line2: "Flat 3", country: "de", phone: "+49 (40) 123-456")
        #expect(address.name == "Ada" && address.country == "DE" && address.line2 == "Flat 3" && address.phone == "+49 (40) 123-456")
        #expect(try Self.address().line2 == nil && (try Self.address().phone) == nil)
    }

    @Test(arguments: ["name", "line1", "city", "postalCode"])
    func eachRequiredTextIsOneToAHundredCharacters(field: String) throws {
        func make(_ value: String) -> () throws(DomainError) -> Address {
            { () throws(DomainError) in
                switch field {
                case "name": try Self.address(name: value)
                case "line1": try Self.address(line1: value)
                case "city": try Self.address(city: value)
                default: try Self.address(postalCode: value)
                }
            }
        }
        #expect(Self.refusal(make("")) == [field])
        #expect(Self.refusal(make("   ")) == [field])
        #expect(Self.refusal(make(String(repeating: "x", count: 101))) == [field])
        #expect(Self.refusal(make("a\u{7}b")) == [field], "control characters")
        #expect(Self.refusal(make("x")).isEmpty)
        #expect(Self.refusal(make(String(repeating: "é", count: 100))).isEmpty, "100 characters, not bytes")
    }

    @Test func line2IsOptionalButNotEmptyWhenGiven() {
        #expect(Self.refusal { () throws(DomainError) in try Self.address(line2: nil) }.isEmpty)
        #expect(Self.refusal { () throws(DomainError) in try Self.address(line2: "") } == ["line2"])
        #expect(Self.refusal { () throws(DomainError) in try Self.address(line2: String(repeating: "x", count: 101)) } == ["line2"])
    }

    @Test(arguments: [("123", true), ("+49 40 123456", true), ("(040) 12-34", true), (String(repeating: "1", count: 32), true),
                      ("12", false), (String(repeating: "1", count: 33), false), ("040/1234", false), ("call me", false),
                      ("１２３", false), ("", false)])
    func phoneIsThreeToThirtyTwoDigitsSpacesOrPlusMinusParentheses(phone: String, valid: Bool) {
        #expect(Self.refusal { () throws(DomainError) in try Self.address(phone: phone) } == (valid ? [] : ["phone"]))
    }

    @Test(arguments: [("DE", "DE"), ("fr", "FR"), ("Gb", "GB"), ("AX", "AX"), ("ss", "SS"), ("ZW", "ZW")])
    func assignedCountryCodesAreAcceptedUpperCased(raw: String, stored: String) throws {
        #expect(try Self.address(country: raw).country == stored)
    }

    @Test(arguments: ["", "D", "DEU", "XX", "UK", "EU", "XK", "AN", "YU", "ÄÖ", " DE", "4 "])
    func anythingElseIsNotACountry(raw: String) {
        #expect(Self.refusal { () throws(DomainError) in try Self.address(country: raw) } == ["country"])
    }

    @Test func theTableHoldsEveryOfficiallyAssignedCodeAndNothingElse() {
        #expect(Country.codes.count == 249)
        #expect(Country.codes.allSatisfy { $0.utf8.count == 2 && $0.utf8.allSatisfy { (65...90).contains($0) } })
    }

    @Test func everyBrokenRuleIsReportedAtOnceUnderThePrefix() {
        let fields = Self.refusal { () throws(DomainError) in
            try Address(name: "", line1: "", line2: nil, city: "", postalCode: "", country: "??", phone: "x", fieldPrefix: "shippingAddress.")
        }
        #expect(fields == ["shippingAddress.name", "shippingAddress.line1", "shippingAddress.city", "shippingAddress.postalCode",
                           "shippingAddress.country", "shippingAddress.phone"])
    }
}
