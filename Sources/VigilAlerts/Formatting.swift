import Foundation

/// Number formats for explanations: short, stable, and free of locale.
enum Formatting {
    /// `x` with at most `places` decimals, trailing zeros dropped ("3.1", "14", "0.25").
    static func decimal(_ x: Double, places: Int = 1) -> String {
        guard x.isFinite else { return x > 0 ? "∞" : "-∞" }
        var text = String(format: "%.\(places)f", x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A p-value as an analyst reads it: "0.023", "0.0004", "2e-6", "1.3e-12".
    static func pValue(_ p: Double) -> String {
        if p >= 0.001 { return String(format: "%.2g", p) }
        if p <= 0 { return "<1e-300" }
        var exponent = floor(log10(p))
        var mantissa = (p / pow(10, exponent) * 10).rounded() / 10
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return "\(decimal(mantissa))e\(Int(exponent))"
    }
}
