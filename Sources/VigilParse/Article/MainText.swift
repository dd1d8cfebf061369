import Foundation
import VigilCore

/// Finds the main text of a page in its tree.
struct MainText: Sendable, Equatable {
    var text: String
    var problems: [String] = []

    /// Placeholder: every text of the body. (To be replaced by the scoring extractor.)
    static func extract(tree: HTMLTree, metadata: PageMetadata) -> MainText {
        var body: HTMLTree.NodeID = HTMLTree.root
        for id in 0..<HTMLTree.NodeID(tree.count) where tree.tag(id) == .body {
            body = id
            break
        }
        return MainText(text: tree.collapsedText(body))
    }
}
