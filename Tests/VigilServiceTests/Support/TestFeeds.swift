import Foundation
import Synchronization
import VigilCore

/// Feed documents written for tests.
enum TestFeeds {
    /// An RSS 2.0 feed with items `first..<first+count`, each with a guid, a link under `linkBase` and a date.
    static func rss(
        items range: Range<Int>, linkBase: String = "https://news.example/story", title: String = "Test feed"
    )
        -> String
    {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>\(title)</title><link>https://news.example/</link>
            <description>Test</description>

            """
        for i in range {
            xml += """
                <item><title>Story \(i)</title><link>\(linkBase)/\(i)</link><guid>story-\(i)</guid>
                <pubDate>Mon, 02 May 2022 10:\(String(format: "%02d", i % 60)):00 GMT</pubDate>
                <description>&lt;p&gt;Body of story \(i).&lt;/p&gt;</description></item>

                """
        }
        return xml + "</channel></rss>\n"
    }
}

/// A clock the test moves by hand.
final class ManualClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
