import OrdersApplication
import Outbox

/// The pipeline's capacity read from the event bus's backlog, as the relay samples it: overloaded while the oldest
/// event not yet delivered is older than `maxAge`. An order accepted then would queue behind that backlog and miss
/// the promise, so it is refused with a `Retry-After` of about the time the backlog needs.
struct EventBacklogCapacity: OrderPipelineCapacity {
    let bus: DurableEventBus
    let maxAge: Duration

    func retryAfterWhenOverloaded() -> Int? {
        let age = bus.backlog.oldestAge
        guard age > maxAge else { return nil }
        return min(30, max(1, Int(age.components.seconds) + 1))
    }
}
