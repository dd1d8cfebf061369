import Foundation
import VigilCore

/// Builders of store inputs for the tests, at whole-second times (the store keeps milliseconds).
enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    static func time(_ minutes: Double) -> Date {
        t0.addingTimeInterval(minutes * 60)
    }

    /// An item whose content hash derives from its title, link and text, like the parsers' items.
    static func item(
        guid: String? = nil, link: String? = nil, canonicalURL: String? = nil, title: String = "title",
        text: String? = nil, wantsPage: Bool = false, hash: String? = nil
    ) -> NewItem {
        NewItem(
            guid: guid, link: link, canonicalURL: canonicalURL, title: title, text: text ?? "text of \(title)",
            tags: ["news"], contentHash: hash ?? ContentHash.of([title, link, text ?? "text of \(title)"]),
            wantsPage: wantsPage)
    }

    /// `count` distinct items with guids and links, numbered from `start`.
    static func items(_ count: Int, start: Int = 0, wantsPage: Bool = false) -> [NewItem] {
        (start..<(start + count)).map { n in
            item(guid: "guid-\(n)", link: "https://example.org/a/\(n)", title: "item \(n)", wantsPage: wantsPage)
        }
    }

    static func fetched(
        _ url: String, _ items: [NewItem], at: Date = t0, etag: String? = nil, lastModified: String? = nil,
        status: Int = 200
    ) -> PollRecord {
        PollRecord(
            feedURL: url, polledAt: at,
            outcome: .fetched(status: status, etag: etag, lastModified: lastModified, items: items),
            consecutiveFailures: 0, nextPollAt: at.addingTimeInterval(900))
    }

    static func definition(_ url: String, name: String? = nil, enabled: Bool = true) -> FeedDefinition {
        FeedDefinition(url: url, name: name, enabled: enabled, origin: SourceLocation(file: "feeds.yaml", line: 1))
    }
}
