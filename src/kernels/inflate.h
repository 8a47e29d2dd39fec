// DEFLATE (RFC 1951) and zlib (RFC 1950) decompression, written for onyx's PNG decoder.
//
// Decodes stored, fixed-Huffman and dynamic-Huffman blocks; the output is appended to `out` and
// may not grow beyond `max_output` bytes (a bound against decompression bombs). Returns "" on
// success or a message naming the defect (truncated stream, bad code lengths, distance beyond
// the output, adler-32 mismatch, size bound exceeded). Never reads outside [data, data + size).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace onyx::kernels {

// Raw DEFLATE stream; *consumed (optional) receives the bytes used, rounded up to a whole byte.
std::string inflate(const uint8_t* data, size_t size, size_t max_output, std::vector<uint8_t>* out,
                    size_t* consumed = nullptr);
// zlib stream: 2-byte header (CM 8, no preset dictionary), DEFLATE data, big-endian adler-32.
std::string zlib_decompress(const uint8_t* data, size_t size, size_t max_output,
                            std::vector<uint8_t>* out);

}  // namespace onyx::kernels
