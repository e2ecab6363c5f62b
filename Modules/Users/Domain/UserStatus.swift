/// Whether a user may sign in and use the API.
public enum UserStatus: String, Sendable, Hashable {
    case active, disabled
}
