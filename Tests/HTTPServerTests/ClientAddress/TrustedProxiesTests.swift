import Testing
@testable import HTTPServer

@Suite("Client addresses: whose X-Forwarded-For is believed")
struct TrustedProxiesTests {
    static func address(_ text: String) -> IPAddress? { IPAddress(text) }

    @Test func theListParsesAddressesAndBlocksAndNamesWhatItCannot() throws {
        let proxies = try TrustedProxies(parsing: " 10.0.0.0/8, 192.0.2.1 ,,2001:db8::/32 ")
        #expect(proxies.ranges.map(\.description) == ["10.0.0.0/8", "192.0.2.1/32", "2001:db8::/32"])
        #expect(try TrustedProxies(parsing: "") == .none)
        #expect(throws: TrustedProxies.InvalidEntries(entries: ["proxy.internal", "10.0.0.0/40"])) {
            try TrustedProxies(parsing: "10.0.0.1, proxy.internal, 10.0.0.0/40")
        }
    }

    @Test func anUntrustedPeerIsTheClientWhateverItForwards() throws {
        let headers: HTTPHeaders = ["X-Forwarded-For": "203.0.113.9"]
        #expect(TrustedProxies.none.clientAddress(peer: Self.address("127.0.0.1"), headers: headers) == Self.address("127.0.0.1"))
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8")
        #expect(proxies.clientAddress(peer: Self.address("192.0.2.1"), headers: headers) == Self.address("192.0.2.1"))
        #expect(proxies.clientAddress(peer: nil, headers: headers) == nil)
    }

    @Test func aTrustedPeerNamesTheClientAndOnlyItsOwnHopCounts() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8, 2001:db8::/32")
        let peer = Self.address("10.0.0.2")
        // The nearest untrusted hop from the right; what the client wrote itself (the left part) is ignored.
        #expect(proxies.clientAddress(peer: peer, headers: ["X-Forwarded-For": "203.0.113.9"]) == Self.address("203.0.113.9"))
        #expect(proxies.clientAddress(peer: peer, headers: ["X-Forwarded-For": "1.1.1.1, 198.51.100.7, 10.9.9.9"])
                == Self.address("198.51.100.7"))
        #expect(proxies.clientAddress(peer: Self.address("2001:db8::5"), headers: ["X-Forwarded-For": "2001:db8::7,2001:db9::1"])
                == Self.address("2001:db9::1"))
        // Several fields are one list, in order.
        let split = HTTPHeaders([("X-Forwarded-For", "198.51.100.7"), ("x-forwarded-for", "10.1.1.1")])
        #expect(proxies.clientAddress(peer: peer, headers: split) == Self.address("198.51.100.7"))
        // Every hop trusted: the farthest one.
        #expect(proxies.clientAddress(peer: peer, headers: ["X-Forwarded-For": "10.3.3.3, 10.4.4.4"]) == Self.address("10.3.3.3"))
        // No header: the proxy itself.
        #expect(proxies.clientAddress(peer: peer, headers: [:]) == peer)
    }

    @Test func aMalformedHopEndsTheWalkAtTheProxyThatPassedItOn() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8")
        let peer = Self.address("10.0.0.2")
        #expect(proxies.clientAddress(peer: peer, headers: ["X-Forwarded-For": "203.0.113.9, unknown"]) == peer)
        #expect(proxies.clientAddress(peer: peer, headers: ["X-Forwarded-For": "203.0.113.9, garbage, 10.7.7.7"])
                == Self.address("10.7.7.7"))
        #expect(proxies.clientAddress(peer: peer, headers: ["X-Forwarded-For": ""]) == peer)
        #expect(proxies.clientAddress(peer: peer, headers: ["X-Forwarded-For": "[2001:db8::1]:443"]) == peer)
    }
}
