// Family code of the string ops (StringNormalizer, StringSplit, TfIdfVectorizer...): UTF-8 case
// mapping that needs no installed locale.
//
// Case mapping covers ASCII, Latin-1 Supplement, Latin Extended-A, basic Greek and Cyrillic
// (the simple one-to-one mappings of Unicode's UnicodeData.txt for those blocks); every other code
// point, and bytes that are not valid UTF-8, pass through unchanged. Multi-character mappings
// (German sharp s to "SS") are not applied.
#pragma once

#include <string>
#include <string_view>

namespace onyx::ops {

enum class CaseChange { kNone, kLower, kUpper };

// `s` with every mapped code point converted; byte length may change (e.g. U+00FF -> U+0178).
std::string change_case(std::string_view s, CaseChange change);

// True for the ASCII whitespace bytes Python's str.split() splits on: space, \t \n \v \f \r.
inline bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

}  // namespace onyx::ops
