/// How use cases keep concurrent changes to one SKU apart. Both store with `UPDATE … WHERE version = $old`;
/// they differ in what happens before.
public enum StockLocking: Sendable {
    /// Lock the SKUs' rows when loading (in SKU order): concurrent use cases queue, the version check never
    /// fails and nothing is computed twice. The default.
    case rowLock
    /// Load without locks; the version check detects a lost race and the use case runs again (bounded).
    case optimistic
}
