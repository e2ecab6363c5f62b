import PaymentsInfrastructure

/// Signature headers for tests, made by the same code the server verifies with.
enum WebhookSignatureHeader {
    static func make(_ body: [UInt8], secret: String, timestamp: Int64) -> String {
        WebhookSignature(secret: secret).header(payload: body, timestamp: timestamp)
    }
}
