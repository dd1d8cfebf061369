import CZlib
import Foundation

/// gzip compression with zlib, for fixtures that send `Content-Encoding: gzip`.
public enum Gzip {
    /// `data` as a gzip stream.
    public static func compress(_ data: Data, level: Int32 = 6) -> Data {
        let encoder = Encoder(level: level)
        data.withUnsafeBytes { encoder.feed($0) }
        return encoder.finish()
    }

    /// A gzip stream of `count` zero bytes: a few kilobytes that inflate to `count` (a "gzip bomb").
    public static func compressedZeros(count: Int) -> Data {
        let encoder = Encoder(level: 9)
        let zeros = [UInt8](repeating: 0, count: 64 * 1024)
        var left = count
        while left > 0 {
            let size = min(left, zeros.count)
            zeros.withUnsafeBytes { encoder.feed(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
            left -= size
        }
        return encoder.finish()
    }

    /// A deflate stream with a gzip wrapper (`windowBits` 31), fed in pieces. The `z_stream` lives at a fixed heap
    /// address because zlib keeps a pointer back to it.
    private final class Encoder {
        private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        private var output = Data()

        init(level: Int32) {
            stream.initialize(to: z_stream())
            let status = vigil_deflateInit2(stream, level, 31)
            precondition(status == Z_OK, "deflateInit2 failed: \(status)")
        }

        deinit {
            deflateEnd(stream)
            stream.deallocate()
        }

        func feed(_ input: UnsafeRawBufferPointer) {
            guard let base = input.baseAddress, !input.isEmpty else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            run(flush: Z_NO_FLUSH)
            stream.pointee.next_in = nil
        }

        func finish() -> Data {
            run(flush: Z_FINISH)
            return output
        }

        private func run(flush: Int32) {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let (status, produced) = buffer.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = uInt(out.count)
                    let status = deflate(stream, flush)
                    return (status, out.count - Int(stream.pointee.avail_out))
                }
                output.append(contentsOf: buffer[0..<produced])
                if flush == Z_FINISH {
                    if status == Z_STREAM_END { return }
                    precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed: \(status)")
                } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                    return
                }
            }
        }
    }
}
