import Foundation
import Testing
import VigilService
import VigilTestSupport

/// The alert log: whole lines under concurrent appends, `seq` in every line, reopening after rotation, and the
/// last delivered `seq` read back after a crash.
@Suite struct AlertLogFileTests {
    static func delivery(_ seq: Int64, payload: String = "") -> AlertDelivery {
        let json = #"{"id":"a\#(seq)","type":"surge","summary":"alert \#(seq)","pad":"\#(payload)"}"#
        return AlertDelivery(
            id: "a\(seq)", seq: seq, json: Data(json.utf8), summary: "alert \(seq)", severity: "warning")
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    @Test func insertsSeqAsFirstField() throws {
        #expect(
            Self.delivery(7).lineWithSeq().map { String(decoding: $0, as: UTF8.self) }
                == #"{"seq":7,"id":"a7","type":"surge","summary":"alert 7","pad":""}"# + "\n")
        let empty = AlertDelivery(id: "x", seq: 3, json: Data("{ }".utf8), summary: "", severity: "warning")
        #expect(empty.lineWithSeq() == Data("{\"seq\":3}\n".utf8))
        let twoLines = AlertDelivery(id: "x", seq: 3, json: Data("{\"a\":1}\n{}".utf8), summary: "", severity: "")
        #expect(twoLines.lineWithSeq() == nil)
        let array = AlertDelivery(id: "x", seq: 3, json: Data("[1]".utf8), summary: "", severity: "")
        #expect(array.lineWithSeq() == nil)
    }

    @Test func concurrentAppendsStayWholeLines() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.appending("logs/alerts.jsonl")
        // Two handles on one file, as two processes would have; large lines make interleaving visible.
        let first = try AlertLogFile(path: path)
        let second = try AlertLogFile(path: path)
        let payload = String(repeating: "x", count: 20_000)
        await withTaskGroup(of: Void.self) { group in
            for seq in 1...200 {
                let log = seq.isMultiple(of: 2) ? first : second
                group.addTask { try? log.append(Self.delivery(Int64(seq), payload: payload)) }
            }
        }
        let lines = try Self.lines(path)
        #expect(lines.last == "")
        let records = lines.dropLast().compactMap { AlertLogRecord(line: Data($0.utf8)) }
        #expect(records.count == 200)
        #expect(Set(records.compactMap(\.seq)) == Set(1...200))
        #expect(first.lastDeliveredSeq() == 200)
    }

    @Test func reopenAfterRenameWritesANewFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.appending("alerts.jsonl")
        let log = try AlertLogFile(path: path)
        try log.append(Self.delivery(1))
        #expect(rename(path, path + ".1") == 0)
        try log.append(Self.delivery(2))  // still the old file until reopened
        try log.reopen()
        try log.append(Self.delivery(3))
        #expect(try Self.lines(path + ".1").compactMap { AlertLogRecord(line: Data($0.utf8))?.seq } == [1, 2])
        #expect(try Self.lines(path).compactMap { AlertLogRecord(line: Data($0.utf8))?.seq } == [3])
        // A fresh process sees the rotated copy when the new file is empty.
        #expect(rename(path, path + ".2") == 0)
        try "".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: path + ".1", toPath: path + ".tmp")
        try FileManager.default.moveItem(atPath: path + ".2", toPath: path + ".1")
        #expect(try AlertLogFile(path: path).lastDeliveredSeq() == 3)
    }

    @Test func lastDeliveredSeqSkipsATruncatedLastLine() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.appending("alerts.jsonl")
        do {
            let log = try AlertLogFile(path: path)
            for seq in 1...5 { try log.append(Self.delivery(Int64(seq))) }
        }
        // A crash in the middle of writing seq 6.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"seq":6,"id":"a6","type":"su"#.utf8))
        try handle.close()
        #expect(AlertLogFile.lastSeq(inFileAt: path) == 5)

        let reopened = try AlertLogFile(path: path)
        #expect(reopened.lastDeliveredSeq() == 5)
        try reopened.append(Self.delivery(6))
        let lines = try Self.lines(path)
        // The fragment keeps its own (broken) line; seq 6 is whole on the next one.
        #expect(lines.dropLast().compactMap { AlertLogRecord(line: Data($0.utf8))?.seq } == [1, 2, 3, 4, 5, 6])
        #expect(lines.count == 8)
        #expect(AlertLogFile.lastSeq(inFileAt: path) == 6)
    }

    @Test func lastDeliveredSeqReadsBackPastManyChunks() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.appending("alerts.jsonl")
        let log = try AlertLogFile(path: path)
        try log.append(Self.delivery(41, payload: String(repeating: "y", count: 150_000)))
        // 100 KB of garbage after it: the reader must go back more than one chunk.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(String(repeating: "garbage\n", count: 12_500).utf8))
        try handle.close()
        #expect(AlertLogFile.lastSeq(inFileAt: path) == 41)
        #expect(AlertLogFile.lastSeq(inFileAt: folder.appending("missing.jsonl")) == nil)
    }
}
