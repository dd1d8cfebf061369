/// Chooses one value among several candidate elements by rank (lower wins); among equal ranks the first
/// offered wins, or the last one when `offerLast` is used.
struct FieldPick<Value> {
    /// The chosen value so far.
    private(set) var value: Value?
    private var rank = Int.max

    /// Offers a candidate; it replaces the current one only when its rank is better.
    mutating func offer(_ candidate: Value?, rank: Int) {
        guard let candidate, rank < self.rank else { return }
        value = candidate
        self.rank = rank
    }

    /// Offers a candidate that also replaces an earlier one of the same rank.
    mutating func offerLast(_ candidate: Value?, rank: Int) {
        guard let candidate, rank <= self.rank else { return }
        value = candidate
        self.rank = rank
    }
}
