import Foundation
import Testing
import UsersDomain

@Suite("Users domain: the login throttle's verdict per email and client address")
struct LoginThrottleTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = LoginThrottle(maxFailures: 5, emailCeiling: 50, window: 15 * 60)

    func failures(_ count: Int, from address: String?, minutesAgo: Double = 1) -> [LoginFailure] {
        (0..<count).map { _ in LoginFailure(at: Self.now.addingTimeInterval(-minutesAgo * 60), clientAddress: address) }
    }

    @Test func belowTheLimitAWrongPasswordIs401() {
        #expect(throttle.verdict(for: "a", failures: failures(4, from: "a"), now: Self.now) == .check(onFailure: .invalidCredentials))
    }

    @Test func anAddressWithFiveFailuresIsRefusedUntilTheOldestLeavesTheWindow() {
        let five = failures(4, from: "a") + failures(1, from: "a", minutesAgo: 10)
        #expect(throttle.verdict(for: "a", failures: five, now: Self.now) == .refused(retryAfterSeconds: 300))
    }

    @Test func anotherAddressIsCheckedButAWrongPasswordThereIs429() {
        let five = failures(5, from: "a", minutesAgo: 5)
        #expect(throttle.verdict(for: "b", failures: five, now: Self.now) == .check(onFailure: .tooManyAttempts(retryAfterSeconds: 600)))
        // Failures recorded without an address lock the email's guesses too, but no address.
        #expect(throttle.verdict(for: "b", failures: failures(5, from: nil), now: Self.now)
                == .check(onFailure: .tooManyAttempts(retryAfterSeconds: 840)))
    }

    @Test func theCeilingRefusesEveryAddress() {
        let spread = (0..<50).flatMap { failures(1, from: "10.0.0.\($0)", minutesAgo: 2) }
        #expect(throttle.verdict(for: "owner", failures: spread, now: Self.now) == .refused(retryAfterSeconds: 780))
        #expect(throttle.verdict(for: "owner", failures: Array(spread.dropFirst()), now: Self.now)
                == .check(onFailure: .tooManyAttempts(retryAfterSeconds: 780)))
    }

    @Test func failuresOutsideTheWindowAreForgotten() {
        #expect(throttle.verdict(for: "a", failures: failures(60, from: "a", minutesAgo: 16), now: Self.now)
                == .check(onFailure: .invalidCredentials))
    }
}
