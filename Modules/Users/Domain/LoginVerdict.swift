/// What the throttle allows one login attempt before its password is looked at (ADR 14).
public enum LoginVerdict: Sendable, Equatable {
    /// Refused without checking the password, even a right one: this client address failed too often for the email,
    /// or the email reached its ceiling of failures from all addresses. Try again after this many whole seconds (≥ 1).
    case refused(retryAfterSeconds: Int)
    /// The password may be checked; the right one opens a login. A wrong one is answered as `onFailure` says.
    case check(onFailure: FailureAnswer)

    /// How a wrong password is answered.
    public enum FailureAnswer: Sendable, Equatable {
        /// `401 invalid_credentials`: the email has had fewer failures than the limit.
        case invalidCredentials
        /// `429 too_many_attempts`: the email is locked for every address that has no right password; only its owner,
        /// from an address that has not failed too often itself, still gets in.
        case tooManyAttempts(retryAfterSeconds: Int)
    }
}
