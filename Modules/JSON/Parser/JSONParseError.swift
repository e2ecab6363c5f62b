/// Why a text is not acceptable JSON (HTTPServer answers every case in a request body with `400 malformed_json`).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, for a person (no input echoed beyond a key name).
    public var message: String
    /// The byte offset where the problem was found.
    public var offset: Int

    /// An error `message` found at byte `offset`.
    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message with its offset.
    public var description: String { "\(message) at byte \(offset)" }
}
