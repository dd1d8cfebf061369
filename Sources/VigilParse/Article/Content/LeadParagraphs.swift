/// Finds the lead (standfirst) that many pages set between the headline and the article body, outside the
/// container that scoring chose: paragraphs after the nearest `h1` before the article, with little link text, not
/// in a caption, a hidden block or a block named as boilerplate. Trafilatura keeps these; Readability often
/// loses them.
enum LeadParagraphs {
    /// Fewest characters of a lead paragraph (shorter lines are bylines and dates).
    static let minimumLength: Int32 = 60
    /// Most characters taken as lead.
    static let maximumTotal: Int32 = 1200
    /// Most nodes searched between the headline and the article.
    static let searchLimit = 1500

    /// Lead paragraphs before the article, in document order.
    static func find(_ finder: ArticleFinder) -> [HTMLTree.NodeID] {
        let tree = finder.tree
        let facts = finder.facts
        guard let first = finder.pieces.first?.first, first > 0 else { return [] }
        // The nearest h1 before the article.
        var headline: HTMLTree.NodeID = -1
        var id = first - 1
        let stop = max(1, Int(first) - 4 * searchLimit)
        while id >= stop {
            if tree.nodes[Int(id)].tag == HTMLTag.h1.code {
                headline = id
                break
            }
            id -= 1
        }
        guard headline > 0 else { return [] }
        let start = facts.subtreeEnd[Int(headline)]
        guard start < first, Int(first - start) <= searchLimit else { return [] }
        var leads: [HTMLTree.NodeID] = []
        var total: Int32 = 0
        id = start
        while id < first {
            let node = tree.nodes[Int(id)]
            let traits = TagTraits.of(node.tag)
            let hints = facts.hints[Int(id)]
            if node.tag == HTMLTag.text.code {
                id += 1
                continue
            }
            if finder.isAncestor(id, of: first) {
                id += 1  // a container of the article: look inside
                continue
            }
            if traits.contains(.dropped) || traits.contains(.chrome) || hints.contains(.hidden)
                || hints.contains(.byline) || hints.contains(.classNegative) || hints.contains(.idNegative)
                || node.tag == HTMLTag.figure.code || node.tag == HTMLTag.figcaption.code
                || node.tag == HTMLTag.time.code
                || BoilerplateFilter.namesBoilerplateOrCaption(id, tree: tree)
            {
                id = facts.subtreeEnd[Int(id)]
                continue
            }
            // A heading this long under the headline is a deck (subtitle), part of the lead.
            let isParagraph =
                node.tag == HTMLTag.p.code || finder.kinds[Int(id)] == .paragraph
                || (traits.contains(.heading) && node.tag != HTMLTag.h1.code)
            if isParagraph, traits.contains(.heading), finder.headingRepeatsTitle(id) {
                id = facts.subtreeEnd[Int(id)]
                continue
            }
            if isParagraph {
                let chars = facts.chars[Int(id)]
                if chars >= minimumLength, linkDensity(id, finder: finder) < 0.2, !holdsTime(id, facts: facts) {
                    guard total + chars <= maximumTotal else { return [] }
                    leads.append(id)
                    total += chars
                }
                id = facts.subtreeEnd[Int(id)]
                continue
            }
            id += 1
        }
        return leads
    }

    /// Whether a `time` element is inside (a dateline rather than a lead).
    private static func holdsTime(_ node: HTMLTree.NodeID, facts: PageFacts) -> Bool {
        for id in node..<facts.subtreeEnd[Int(node)] where facts.tree.nodes[Int(id)].tag == HTMLTag.time.code {
            return true
        }
        return false
    }

    /// Link density from the raw page (the lead may lie in what the chosen attempt removed).
    private static func linkDensity(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Float {
        let tree = finder.tree
        let facts = finder.facts
        let total = facts.chars[Int(node)]
        guard total > 0 else { return 0 }
        var links: Int32 = 0
        var id = node + 1
        let end = facts.subtreeEnd[Int(node)]
        while id < end {
            if tree.nodes[Int(id)].tag == HTMLTag.a.code {
                links += facts.chars[Int(id)]
                id = facts.subtreeEnd[Int(id)]
            } else {
                id += 1
            }
        }
        return Float(links) / Float(total)
    }
}
