import HTTPServer
import Testing
@testable import WharfApp

@Suite("Configuration: trusted proxies and token leeway")
struct OperationsConfigurationTests {
    static let base = ["DATABASE_URL": "postgresql:///x", "JWT_SECRET": TestApp.jwtSecret, "PAYMENT_WEBHOOK_SECRET": "whsec_configuration_test_secret"]

    static func configuration(_ extra: [String: String]) throws(ConfigurationError) -> Configuration {
        try Configuration.from(environment: base.merging(extra) { $1 }, for: .serve)
    }

    static func problems(_ extra: [String: String]) -> [String] {
        do {
            _ = try configuration(extra)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func trustedProxiesAreNoneByDefaultAndAddressesOrBlocksOtherwise() throws {
        #expect(try Self.configuration([:]).trustedProxies == .none)
        let proxies = try Self.configuration(["TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.1, 2001:db8::/32"]).trustedProxies
        #expect(proxies.ranges.map(\.description) == ["10.0.0.0/8", "192.0.2.1/32", "2001:db8::/32"])
        let problems = Self.problems(["TRUSTED_PROXIES": "10.0.0.0/8, proxy.internal, 10.0.0.0/99"])
        #expect(problems.count == 1 && problems[0].hasPrefix("TRUSTED_PROXIES must be"))
        #expect(problems.first?.hasSuffix("not: proxy.internal, 10.0.0.0/99") == true)
    }

    @Test func jwtLeewayIsZeroByDefaultAndAtMostSixtySeconds() throws {
        #expect(try Self.configuration([:]).jwtLeewaySeconds == 0)
        #expect(try Self.configuration(["JWT_LEEWAY_SECONDS": "60"]).jwtLeewaySeconds == 60)
        #expect(Self.problems(["JWT_LEEWAY_SECONDS": "61"]) == ["JWT_LEEWAY_SECONDS must be an integer in 0...60"])
        #expect(Self.problems(["JWT_LEEWAY_SECONDS": "-1"]) == ["JWT_LEEWAY_SECONDS must be an integer in 0...60"])
    }
}
