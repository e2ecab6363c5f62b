import EventBus
import Foundation
import Kernel
import Logging
import ProductsApplication
import ProductsContracts
import Synchronization
import TestSupport

/// A `ProductsService` over in-memory adapters with a clock the test moves.
struct ProductsFixture {
    final class Time: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    }

    let store: InMemoryProductsStore
    let service: ProductsService
    let time = Time()
    /// Another writer's change for the next transaction (`InMemoryProductsStore`).
    let interference = Locked<ProductsInterference?>(nil)

    init() {
        store = InMemoryProductsStore(interference: interference)
        let time = self.time
        service = ProductsService(
            store: store, storeCurrency: .eur, cursors: CursorCodec(mac: Self.fakeMAC),
            clock: Clock { time.now.withLock { $0 } }, logger: Logger(label: "test", minimumLevel: .error, sink: { _ in }))
    }

    /// Not a real MAC, but it depends on every byte (scope included), which is what the tests need.
    static let fakeMAC: CursorCodec.MAC = { message in
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in message { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return (0..<16).map { UInt8(truncatingIfNeeded: hash >> (($0 % 8) * 8)) }
    }

    var bus: InMemoryEventBus { store.bus }

    func advance(_ seconds: TimeInterval) { time.now.withLock { $0 = $0.addingTimeInterval(seconds) } }

    static func eur(_ amount: Int64) -> Money { Money(amount: amount, currency: .eur) }

    @discardableResult
    func create(_ sku: String, name: String = "Thing", description: String = "", category: String = "Misc",
                price: Int64 = 1000) async throws -> ProductDTO {
        advance(1)
        return try await service.createProduct(CreateProduct(sku: sku, name: name, description: description, category: category,
                                                             price: Self.eur(price)))
    }
}
