public import Kernel

/// What a new password must be: 8…128 characters (counted as a person sees them). Nothing else is imposed,
/// following NIST SP 800-63B: length matters, composition rules do not.
public enum PasswordPolicy {
    public static let lengthRange = 8...128

    /// Throws `422` on `field` when `password` is outside the allowed length.
    public static func check(_ password: String, field: String = "password") throws(DomainError) {
        guard lengthRange.contains(password.count) else {
            throw .validation(field: field, message: "must be 8 to 128 characters")
        }
    }
}
