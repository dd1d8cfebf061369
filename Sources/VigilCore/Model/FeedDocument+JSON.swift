import Foundation

extension FeedDocument {
    /// The `vigil parse` lines for this document: one `feed` object, then one `item` object per entry.
    public func jsonLines(source: String) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(entries.count + 1)
        let feed = JSONValue.object([
            ("kind", .string("feed")), ("source", .string(source)), ("format", .string(format?.rawValue)),
            ("title", .string(title)), ("link", .string(link)), ("subtitle", .string(subtitle)),
            ("language", .string(language)), ("author", .string(author)), ("updated", .date(updated)),
            ("published", .date(published)), ("problems", .array(problems.map(JSONValue.string))),
        ])
        lines.append(feed.serialized())
        for entry in entries {
            lines.append(entry.json.serialized())
        }
        return lines
    }
}

extension FeedEntry {
    /// The `vigil parse` object for this entry.
    public var json: JSONValue {
        .object([
            ("kind", .string("item")), ("id", .string(id)), ("link", .string(link)), ("title", .string(title)),
            ("summary", .string(summary)), ("content", .array(content.map(JSONValue.string))),
            ("author", .string(author)), ("published", .date(published)), ("updated", .date(updated)),
            (
                "enclosures",
                .array(
                    enclosures.map {
                        .object([("href", .string($0.href)), ("type", .string($0.type)), ("length", .int($0.length))])
                    })
            ),
            ("tags", .array(tags.map(JSONValue.string))),
        ])
    }
}
