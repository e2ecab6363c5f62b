public import Kernel

/// Money as a person reads it: `12.50 EUR` (minor units shown with two decimals, none for currencies without).
public enum MoneyText {
    private static let withoutMinorUnits: Set<String> = ["JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF"]

    public static func format(_ money: Money) -> String {
        if withoutMinorUnits.contains(money.currency.code) { return "\(money.amount) \(money.currency.code)" }
        let sign = money.amount < 0 ? "-" : ""
        let magnitude = money.amount.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents) \(money.currency.code)"
    }
}
