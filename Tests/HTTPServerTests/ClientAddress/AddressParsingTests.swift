import Testing
@testable import HTTPServer

@Suite("Client addresses: IP parsing and CIDR blocks")
struct AddressParsingTests {
    @Test(arguments: [("192.0.2.1", "192.0.2.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
                      ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("::1", "::1"), ("::", "::"),
                      ("fe80::1:2", "fe80::1:2"), ("::ffff:192.0.2.1", "192.0.2.1"), ("::ffff:c000:0201", "192.0.2.1")])
    func addressesParseToTheirCanonicalText(_ text: String, _ canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4:80", "[::1]",
                      "fe80::1%eth0", "1.2.3.4/32", "::g", "1::2::3", "1.2.3.4\u{0}.5", "localhost", "0x7f.1.1.1",
                      String(repeating: "1", count: 100)])
    func garbageIsNotAnAddress(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func familiesAreKeptApartAndMappedIPv4IsIPv4() throws {
        #expect(try #require(IPAddress("10.0.0.1")).family == .v4)
        #expect(try #require(IPAddress("2001:db8::1")).family == .v6)
        #expect(IPAddress("::ffff:10.0.0.1") == IPAddress("10.0.0.1"))
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    @Test(arguments: [("10.0.0.0/8", "10.0.0.0/8"), ("10.1.2.3/8", "10.0.0.0/8"), ("192.0.2.1", "192.0.2.1/32"),
                      ("0.0.0.0/0", "0.0.0.0/0"), ("172.16.0.0/12", "172.16.0.0/12"), ("2001:db8::/32", "2001:db8::/32"),
                      ("2001:db8:ffff::1/33", "2001:db8:8000::/33"), ("::1", "::1/128"), ("::/0", "::/0"), ("10.0.0.0/08", "10.0.0.0/8")])
    func blocksParse(_ text: String, _ canonical: String) throws {
        #expect(try #require(AddressRange(text)).description == canonical)
    }

    @Test(arguments: ["10.0.0.0/33", "::/129", "10.0.0.0/", "/8", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8", "10.0.0.0/ 8",
                      "10.0.0/8", "10.0.0.0/1000", "example.com/8"])
    func malformedBlocksAreRefused(_ text: String) {
        #expect(AddressRange(text) == nil)
    }

    @Test func blocksContainTheirAddressesOnly() throws {
        let private10 = try #require(AddressRange("10.0.0.0/8"))
        #expect(private10.contains(try #require(IPAddress("10.255.255.255"))))
        #expect(!private10.contains(try #require(IPAddress("11.0.0.0"))))
        #expect(!private10.contains(try #require(IPAddress("::ffff:11.0.0.0"))))
        // A v6 block never contains a v4 address, even the all-zero one.
        #expect(!(try #require(AddressRange("::/0"))).contains(try #require(IPAddress("10.0.0.1"))))
        let odd = try #require(AddressRange("192.0.2.64/27"))
        #expect(odd.contains(try #require(IPAddress("192.0.2.95"))))
        #expect(!odd.contains(try #require(IPAddress("192.0.2.96"))))
        #expect(!odd.contains(try #require(IPAddress("192.0.2.63"))))
        let v6 = try #require(AddressRange("2001:db8::/32"))
        #expect(v6.contains(try #require(IPAddress("2001:db8:ffff::1"))))
        #expect(!v6.contains(try #require(IPAddress("2001:db9::1"))))
        #expect(try #require(AddressRange("0.0.0.0/0")).contains(try #require(IPAddress("203.0.113.9"))))
    }
}
