import Foundation
import VigilCore

/// What the format readers share during one parse: the expansion budget, the problems met, the default
/// language, and helpers that turn elements into field values.
final class FeedReadContext {
    /// Budget for all text read out of this document.
    let budget: ExpansionBudget
    /// Problems met so far, in order.
    var problems: [String] = []
    /// `Content-Language`, used when the document names no language.
    let defaultLanguage: String?
    /// The namespace of the root element, whose elements count as the format's own.
    var rootNamespace: String?

    init(budget: ExpansionBudget, defaultLanguage: String?) {
        self.budget = budget
        self.defaultLanguage = defaultLanguage
    }

    /// Notes a problem (at most a few hundred, so a hostile document cannot grow the list without bound).
    func problem(_ message: String) {
        if problems.count < 200 { problems.append(message) }
    }

    /// The element's text, trimmed; nil when empty.
    func text(_ element: XMLElementRef) -> String? {
        element.text(budget: budget).trimmedNonEmpty
    }

    /// The element's content as markup: its serialised children when it holds elements (naked markup),
    /// else its text (escaped HTML stays as written). Trimmed; nil when empty.
    func markup(_ element: XMLElementRef) -> String? {
        if element.hasElementChildren { return element.innerMarkup(budget: budget).trimmedNonEmpty }
        return element.text(budget: budget).trimmedNonEmpty
    }

    /// A title-like value as plain text: naked or escaped markup is reduced to its text.
    func plainText(_ element: XMLElementRef) -> String? {
        if element.hasElementChildren {
            return MarkupText.plainText(fromMarkup: element.innerMarkup(budget: budget)).trimmedNonEmpty
        }
        guard let text = text(element) else { return nil }
        return Self.looksLikeMarkup(text) ? MarkupText.plainText(fromMarkup: text).trimmedNonEmpty : text
    }

    /// A date from an element; records a problem when the text is not a date.
    func date(_ element: XMLElementRef) -> Date? {
        guard let text = text(element) else { return nil }
        if let date = FeedDate.parse(text) { return date }
        problem("line \(element.line): unparseable date \"\(text.prefix(60))\" in <\(element.name)>")
        return nil
    }

    /// The base URI in force inside `element`: its `xml:base` resolved against the inherited base. An unsafe
    /// `xml:base` (`javascript:`) is ignored.
    func base(of element: XMLElementRef, inherited: String?) -> String? {
        guard let value = element.xmlBase(budget: budget)?.trimmedNonEmpty else { return inherited }
        guard let resolved = URIResolver.resolve(value, against: inherited) else { return inherited }
        return resolved
    }

    /// A link resolved against `base`; nil when empty or unsafe.
    func link(_ value: String?, base: String?) -> String? {
        guard let value = value?.trimmedNonEmpty else { return nil }
        return URIResolver.resolve(value, against: base)
    }

    /// Whether text holds an HTML tag or entity reference, so that reading it as plain text needs an HTML parse.
    static func looksLikeMarkup(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() {
            guard index + 1 < bytes.count else { break }
            let next = bytes[index + 1]
            if byte == UInt8(ascii: "<"), (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A || next == 0x2F || next == 0x21
            {
                return true
            }
            if byte == UInt8(ascii: "&"), next == UInt8(ascii: "#") || (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A {
                return true
            }
        }
        return false
    }

    /// The name in a person construct as RSS writes it: `me@example.com (Name)`, `Name <me@example.com>`,
    /// `Name (me@example.com)` all give `Name`; a bare address is kept as the best available name.
    static func personName(_ raw: String) -> String? {
        let value = raw.trimmed
        guard !value.isEmpty else { return nil }
        if value.hasSuffix(")"), let open = value.lastIndex(of: "(") {
            let outside = value[..<open].trimmingCharacters(in: .whitespaces)
            let inside = value[value.index(after: open)..<value.index(before: value.endIndex)]
                .trimmingCharacters(in: .whitespaces)
            if outside.contains("@") && !inside.isEmpty { return inside }
            if !outside.isEmpty { return outside }
            return inside.isEmpty ? nil : inside
        }
        if value.hasSuffix(">"), let open = value.lastIndex(of: "<") {
            let outside = value[..<open].trimmingCharacters(in: CharacterSet.whitespaces.union(["\""]))
            if !outside.isEmpty { return outside }
            let inside = value[value.index(after: open)..<value.index(before: value.endIndex)]
            return inside.isEmpty ? nil : String(inside)
        }
        return value
    }

    /// Splits a keyword list (`a, b`) into trimmed non-empty terms.
    static func terms(_ list: String, separators: Set<Character> = [","]) -> [String] {
        list.split(whereSeparator: { separators.contains($0) }).compactMap {
            $0.trimmed.trimmedNonEmpty
        }
    }

    /// A language tag as BCP 47 spells it (`en_US` → `en-US`).
    static func language(_ raw: String?) -> String? {
        raw?.trimmedNonEmpty?.replacingOccurrences(of: "_", with: "-")
    }
}

extension String {
    /// The string trimmed of whitespace and newlines, or nil when nothing is left.
    var trimmedNonEmpty: String? {
        let trimmed = self.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}
