// Tests on eight bytes at once, for scans of long text in which the bytes looked for are rare
// (escaping a site's examples and schema sources, writing a 13 MB description): a scan skips a
// word that holds none of them, and looks byte by byte only at one that may. Portable (no SIMD
// instructions). Each test is exact about the word as a whole: zero when no byte matches.
#pragma once

#include <cstdint>
#include <cstring>

namespace apiref::text {

inline constexpr uint64_t kWordOnes = 0x0101010101010101ull, kWordHighs = 0x8080808080808080ull;

// The 8 bytes at `p` (which need not be aligned).
inline uint64_t load_word(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
// Non-zero when a byte of `w` is below `n` (n at most 128).
inline uint64_t word_has_byte_below(uint64_t w, unsigned char n) {
  return (w - kWordOnes * n) & ~w & kWordHighs;
}
// Non-zero when a byte of `w` is `c`.
inline uint64_t word_has_byte(uint64_t w, unsigned char c) { return word_has_byte_below(w ^ (kWordOnes * c), 1); }

}  // namespace apiref::text
