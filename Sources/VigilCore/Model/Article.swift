import Foundation

/// A stand-alone article (not from a feed): a plain-text or JSON Lines file dropped in the inbox, later an analysed page.
public struct Article: Sendable, Equatable, Codable {
    /// Caller-supplied identifier (JSON Lines `id`), if any.
    public var id: String?
    public var title: String?
    public var text: String
    public var published: Date?
    public var url: String?

    public init(id: String? = nil, title: String? = nil, text: String, published: Date? = nil, url: String? = nil) {
        self.id = id
        self.title = title
        self.text = text
        self.published = published
        self.url = url
    }
}
