import CZlib

/// gzip compression of page bodies, on the system zlib.
///
/// Bodies are written as gzip (so a body extracted with the `sqlite3` shell can be read with `gunzip`) and read
/// back accepting gzip or zlib framing. Inflation is capped: a corrupt or hostile row can never make the store
/// allocate more than the caller allows.
enum Compression {
    /// Why compressing or inflating failed.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    /// zlib window bits: 15 is the largest window; +16 asks for a gzip wrapper, +32 detects gzip or zlib.
    private static let gzipWindowBits: Int32 = 15 + 16
    private static let autoDetectWindowBits: Int32 = 15 + 32
    private static let chunkSize = 64 * 1024

    /// The gzip encoding of `bytes`. `level` is zlib's 0...9 (6 is zlib's default trade-off).
    static func gzip(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        guard bytes.count <= Int(UInt32.max) else {
            throw Failure(description: "body of \(bytes.count) bytes is too large to compress")
        }
        var stream = z_stream()
        let initStatus = vigil_deflateInit2(&stream, level, gzipWindowBits)
        guard initStatus == Z_OK else { throw Failure(description: "deflateInit2 failed (\(initStatus))") }
        defer { deflateEnd(&stream) }

        // deflateBound gives the worst-case size for one Z_FINISH call, so a single pass always completes.
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let status: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                // zlib takes a mutable pointer for its input but never writes through it.
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(description: "deflate failed (\(status))") }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    /// The bytes that `compressed` (gzip or zlib) encodes; throws when the data is corrupt, truncated, or would
    /// inflate to more than `maxSize` bytes.
    static func inflate(_ compressed: [UInt8], maxSize: Int) throws -> [UInt8] {
        guard compressed.count <= Int(UInt32.max) else {
            throw Failure(description: "compressed body of \(compressed.count) bytes is too large")
        }
        var stream = z_stream()
        let initStatus = vigil_inflateInit2(&stream, autoDetectWindowBits)
        guard initStatus == Z_OK else { throw Failure(description: "inflateInit2 failed (\(initStatus))") }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        return try compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, out.count - Int(stream.avail_out))
                }
                guard output.count + produced <= maxSize else {
                    throw Failure(description: "body inflates to more than \(maxSize) bytes")
                }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    return output
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw Failure(description: "compressed body is truncated")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    throw Failure(description: "compressed body is corrupt: \(reason)")
                }
            }
        }
    }
}
