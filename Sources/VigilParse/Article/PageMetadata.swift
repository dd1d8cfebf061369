import Foundation
import VigilCore

/// A page's metadata, from JSON-LD, OpenGraph and `<meta>` tags, `<time>`, `<link rel=canonical>`, `<html lang>`
/// and the document itself.
struct PageMetadata: Sendable, Equatable {
    var title: String?
    var author: String?
    var published: Date?
    var modified: Date?
    var language: String?
    var siteName: String?
    var canonicalURL: String?
    var summary: String?
    /// JSON-LD `articleBody`, when the page carries one (a fallback for the main text).
    var articleBody: String?
    var problems: [String] = []

    /// Placeholder: the `<title>` only. (To be replaced by the full metadata extractor.)
    static func extract(tree: HTMLTree, jsonLD: [String], url: String?) -> PageMetadata {
        var metadata = PageMetadata()
        for id in 0..<HTMLTree.NodeID(tree.count) where tree.tag(id) == .title {
            let title = tree.collapsedText(id)
            if !title.isEmpty {
                metadata.title = title
                break
            }
        }
        return metadata
    }
}
