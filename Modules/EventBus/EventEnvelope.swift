public import Foundation
public import Kernel

/// An integration event as stored and delivered: its id, name, JSON payload and when it happened.
public struct EventEnvelope: Sendable, Equatable {
    /// Unique per event; subscribers deduplicate on (id, subscriber).
    public let id: UUID
    /// The event's stable name, e.g. `orders.order_placed.v1`.
    public let name: String
    /// The event encoded as JSON (UTF-8).
    public let payload: [UInt8]
    /// When the publisher said it happened.
    public let occurredAt: Date

    public init(id: UUID, name: String, payload: [UInt8], occurredAt: Date) {
        self.id = id
        self.name = name
        self.payload = payload
        self.occurredAt = occurredAt
    }

    /// Wraps `event`, encoding it as JSON.
    public init<E: IntegrationEvent>(_ event: E, id: UUID, occurredAt: Date) throws {
        self.init(id: id, name: E.name, payload: Array(try EventCoding.encoder.encode(event)), occurredAt: occurredAt)
    }

    /// The event decoded as `E`; throws when the name or the payload does not fit.
    public func decode<E: IntegrationEvent>(as type: E.Type) throws -> E {
        guard name == E.name else { throw EventBusError.nameMismatch(expected: E.name, actual: name) }
        return try EventCoding.decoder.decode(E.self, from: Data(payload))
    }
}

/// How events are turned into JSON: one definition, so publishers and subscribers always agree.
enum EventCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
