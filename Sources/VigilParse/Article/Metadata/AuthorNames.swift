/// Turns author strings as pages write them ("By Jane Doe and John Roe", "Von Max Muster, 3. Juni 2021",
/// "Par Marie Dupont | Publié le…") into clean names, joined with "; " when several. Works on the words of the
/// string in one pass: it runs on every author value and byline candidate of a page.
enum AuthorNames {
    /// The names in a byline or author value: the first part before a bar or bullet that has letters; lead words
    /// ("By", "Von", "Par", "Por", "di", "Written by"…) dropped; cut where a date, a time or a "published/updated"
    /// label starts; then split on commas, semicolons, "&" and the page language's "and" when every part has at
    /// least two words ("Jane Doe and John Roe", but not "Mac & i" or "Staff and wire reports").
    static func names(in raw: String, language: String?) -> [String] {
        guard let text = MetadataText.tidy(raw) else { return [] }
        var words = trim(text).split(separator: " ")
        words = firstPart(words)
        words = dropLead(words)
        words = cutAtDate(words)
        words = dropLead(words)
        guard !words.isEmpty else { return [] }

        // Split into groups at separators: "," and ";" ending a word, and connective words.
        let connectives = self.connectives(for: language)
        var groups: [[Substring]] = [[]]
        for word in words {
            if connectives.contains(word) {
                groups.append([])
                continue
            }
            var word = word
            let endsGroup = word.last == "," || word.last == ";"
            if endsGroup { word = word.dropLast() }
            if !word.isEmpty { groups[groups.count - 1].append(word) }
            if endsGroup { groups.append([]) }
        }
        groups.removeAll { $0.isEmpty }
        let split = groups.count > 1 && groups.allSatisfy { $0.count >= 2 }
        let names = split ? groups.map { trim($0.joined(separator: " ")) } : [trim(words.joined(separator: " "))]
        return names.filter { $0.contains(where: \.isLetter) }
    }

    /// Names joined as the annotations and `ExtractedArticle.author` want them, without repeats.
    static func join(_ names: [String]) -> String? {
        var seen: Set<TextKey> = []
        var kept: [String] = []
        for name in names where seen.insert(TextKey(name)).inserted {
            kept.append(name)
        }
        return kept.isEmpty ? nil : kept.joined(separator: "; ")
    }

    /// Whether a name reads like a person's or a desk's name rather than a sentence, a date, a handle or a URL:
    /// one to six words, at most 120 bytes, with letters, without "@", ":" or "http".
    static func isPlausible(_ name: String) -> Bool {
        let words = MetadataText.wordCount(name)
        guard words >= 1, words <= 6, name.utf8.count <= 120, name.contains(where: \.isLetter) else {
            return false
        }
        return !name.utf8.contains(UInt8(ascii: "@")) && !name.utf8.contains(UInt8(ascii: ":"))
            && !MetadataText.contains(name, "http") && !MetadataText.contains(name, "©")
    }

    /// Whether a name reads as a person's: two to four words, each capitalised except name particles ("de",
    /// "van", "von", "da"…).
    static func looksLikePersonName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard words.count >= 2, words.count <= 4 else { return false }
        return words.allSatisfy { word in
            word.first?.isUppercase == true || particles.contains(word)
        }
    }

    private static let particles: Set<Substring> = [
        "de", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "der", "den", "du", "le", "la", "el", "y",
        "bin", "ibn", "al",
    ]

    /// A user name rather than a display name: one word with dots or underscores ("jane.doe", "j_doe").
    static func looksLikeHandle(_ name: String) -> Bool {
        !name.utf8.contains(0x20) && (name.utf8.contains(UInt8(ascii: ".")) || name.utf8.contains(UInt8(ascii: "_")))
    }

    // MARK: Steps

    /// Words that stand between a byline and what follows it.
    private static let marks: Set<Substring> = ["|", "•", "·", "—", "–", "-", "/", "||"]

    /// The words before the first mark, or the first part after it when the first has no letters once its lead
    /// words are dropped ("| By Jane Doe").
    private static func firstPart(_ words: [Substring]) -> [Substring] {
        var parts: [[Substring]] = [[]]
        for word in words {
            if marks.contains(word) {
                parts.append([])
            } else if let bar = word.firstIndex(where: { $0 == "|" || $0 == "•" || $0 == "·" }) {
                // A mark glued to a word ("Doe|June").
                let before = word[..<bar]
                let after = word[word.index(after: bar)...]
                if !before.isEmpty { parts[parts.count - 1].append(before) }
                parts.append(after.isEmpty ? [] : [after])
            } else {
                parts[parts.count - 1].append(word)
            }
        }
        guard parts.count > 1 else { return words }
        // The first part with a name; a later one only when the part just before was a date ("3 June 2021 | Jane
        // Doe") or when it starts with a lead word ("| By Jane Doe"): otherwise the marks separate other things
        // (a logo, then the section links).
        var afterDate = false
        for (index, part) in parts.enumerated() {
            let names = cutAtDate(dropLead(part))
            if names.contains(where: { $0.contains(where: \.isLetter) }) {
                if index == 0 || afterDate || dropLead(part).count < part.count { return part }
                return []
            }
            afterDate = part.contains { $0.contains(where: \.isNumber) }
        }
        return []
    }

    /// Whether the text starts with a lead word ("By", "Von", "Par"…).
    static func startsWithLead(_ text: String) -> Bool {
        let words = text.split(separator: " ", maxSplits: 2)
        return !words.isEmpty && dropLead(words).count < words.count
    }

    /// Lead words by their first word (lower-case, without a trailing ':' or '.'); the set holds the words that
    /// must follow (empty: none).
    private static let leads: [Substring: [Substring]] = {
        var table: [Substring: [Substring]] = [:]
        for lead in [
            "by", "von", "vom", "par", "por", "di", "door", "av", "af", "przez", "autor", "autorin", "autora",
            "author", "authors", "auteur", "auteurs", "autore", "text", "texto", "texte", "testo", "tekst",
            "written by", "posted by", "published by", "reported by", "words by", "story by",
            "text by", "photos by", "erstellt von", "verfasst von", "geschrieben von", "veröffentlicht von",
            "publié par", "écrit par", "escrito por", "publicado por", "reportaje de", "scritto da",
            "pubblicato da", "geschreven door", "napisane przez",
            // Author labels ("Автор:", "Yazar:", "作者：", "بقلم"…) in other languages.
            "автор", "автори", "авторы", "авторка", "текст", "yazar", "yazan", "yazarlar", "szerző",
            "författare", "forfatter", "skribent", "kirjoittaja", "tekijä", "συντάκτης", "συγγραφέας", "autorka",
            "autoři", "penulis", "oleh", "tác giả", "bởi", "ผู้เขียน", "作者", "著者", "筆者", "文", "撰文", "撰稿",
            "저자", "글", "كاتب", "الكاتب", "بقلم", "كتب", "كتبه", "كتبت", "نویسنده", "مؤلف", "מאת", "כותב", "लेखक",
        ] {
            let parts = lead.split(separator: " ")
            table[parts[0], default: []].append(contentsOf: parts.dropFirst())
        }
        return table
    }()

    /// Leads that need a colon, as they are also name particles ("Da Silva", "De Groot") or common words.
    private static let colonLeads: Set<Substring> = ["de", "da", "from", "redacción", "redaktion", "redazione"]

    /// Job titles written before a name ("FOCUS-Online-Experte Robin Tschöpe", "Chefredakteur Max Muster"), as
    /// word endings, lower-case.
    private static let roles: [String] = [
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "experte", "expertin", "reporter",
        "reporterin", "correspondent", "editor", "journaliste", "correspondant", "correspondante", "corresponsal",
        "periodista", "redactor", "redactora", "giornalista", "inviato", "inviata", "columnist", "kolumnist",
        "kolumnistin",
    ]

    /// Whether a word is a job title (see `roles`) rather than part of a name.
    private static func isRole(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        return roles.contains { lower.hasSuffix($0) }
    }

    /// The words without lead words at the start (repeatedly: "Text: von Jane Doe").
    private static func dropLead(_ input: [Substring]) -> [Substring] {
        var words = input[...]
        while var first = words.first {
            if isColon(first) {
                // The colon of a label written apart ("Auteur : Marie Dupont").
                words = words.dropFirst()
                continue
            }
            if let colon = first.firstIndex(where: isColon), colon != first.startIndex,
                first.index(after: colon) != first.endIndex,
                leads[Substring(first[..<colon].lowercased())]?.isEmpty == true
            {
                // A label glued to the name ("作者：张三", "Autor:Jan").
                first = first[first.index(after: colon)...]
                words = [first] + words.dropFirst()
                continue
            }
            let hasColon = first.last == ":"
            let bare = Substring(first.lowercased().trimmingSuffix { isColon($0) || $0 == "." })
            if let follow = leads[bare] {
                if follow.isEmpty {
                    words = words.dropFirst()
                    continue
                }
                if words.count >= 2 {
                    let second = Substring(words[words.startIndex + 1].lowercased().trimmingSuffix { $0 == ":" })
                    if follow.contains(second) {
                        words = words.dropFirst(2)
                        continue
                    }
                }
                break
            }
            if hasColon, colonLeads.contains(bare) {
                words = words.dropFirst()
                continue
            }
            // A job title before a name.
            if words.count >= 3, isRole(first) {
                words = words.dropFirst()
                continue
            }
            break
        }
        return Array(words)
    }

    /// A colon, ASCII or full-width.
    private static func isColon(_ character: Character) -> Bool { character == ":" || character == "：" }

    /// A word that is only a colon.
    private static func isColon(_ word: Substring) -> Bool { word.count == 1 && word.first.map(isColon) == true }

    /// The words up to where a date, a time or a "published/updated" label starts; a month name or weekday left
    /// just before the cut goes too ("Jane Doe March 25, 2015" → "Jane Doe").
    private static func cutAtDate(_ words: [Substring]) -> [Substring] {
        var kept: [Substring] = []
        var cut = false
        for word in words {
            let lower = Substring(word.lowercased().trimmingSuffix { $0 == "," || $0 == "." || $0 == ":" })
            if word.contains(where: \.isNumber) || labels.contains(lower)
                || (dateConnectives.contains(lower) && word.first?.isLowercase == true)
            {
                cut = true
                break
            }
            kept.append(word)
        }
        while cut, let last = kept.last,
            trailingWords.contains(Substring(last.lowercased().trimmingSuffix { $0 == "," || $0 == "." }))
        {
            kept.removeLast()
        }
        return kept
    }

    /// Punctuation trimmed from both ends of a name.
    private static let trimScalars: Set<Unicode.Scalar> = [
        " ", ",", ";", ":", "|", "-", "–", "—", "•", "/", "\u{A0}",
    ]

    /// The text without `trimScalars` at its ends.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimScalars.contains($0) }),
            let last = scalars.lastIndex(where: { !trimScalars.contains($0) })
        else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// Labels after which a byline no longer names people (any case).
    private static let labels: Set<Substring> = [
        "updated", "published", "posted", "aktualisiert", "veröffentlicht", "publié", "publicado", "actualizado",
        "atualizado", "pubblicato", "aggiornato", "gepubliceerd", "opublikowano", "datum", "fecha", "last",
    ]

    /// Words that start a date phrase when written in lower case ("Jane Doe on March 3", "Max am 3. Juni").
    private static let dateConnectives: Set<Substring> = [
        "am", "le", "el", "on", "às", "em", "il", "op", "dnia", "den", "at", "um",
    ]

    /// Words that may be left before a cut date (month names, weekdays).
    private static let trailingWords: Set<Substring> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
        "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles",
        "jueves", "viernes", "sábado", "domingo", "und", "and", "et", "y", "den",
    ]

    /// Words that join names: "&", "+", "and" always; the page language's "and" when known (" en " is Dutch
    /// "and" but Spanish "in", so it is used only for Dutch pages); German, French and Spanish ones otherwise.
    private static func connectives(for language: String?) -> Set<Substring> {
        var result: Set<Substring> = ["&", "+", "and", "AND", "And"]
        let code = language.map { String($0.lowercased().prefix(2)) } ?? ""
        switch code {
        case "de": result.formUnion(["und", "u."])
        case "fr": result.insert("et")
        case "es": result.insert("y")
        case "pt", "it": result.insert("e")
        case "nl": result.insert("en")
        case "pl", "ca": result.insert("i")
        case "cs", "sk": result.insert("a")
        case "sv": result.insert("och")
        case "da", "no", "nb", "nn": result.insert("og")
        case "": result.formUnion(["und", "et", "y"])
        default: break
        }
        return result
    }
}

/// Trimming helpers for the word steps above.
extension StringProtocol {
    /// The string without trailing characters that pass the test.
    fileprivate func trimmingSuffix(while test: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard test(self[before]) else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
