public import Foundation

/// How messages name an order: its full id, lower case, as the API shows it. (A prefix would not do: UUIDv7 ids
/// begin with their creation time, so orders of the same minute share one.)
public enum OrderReference {
    public static func full(_ id: UUID) -> String { id.uuidString.lowercased() }
}
