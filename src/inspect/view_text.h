// Escaping for the viewer's outputs. Model strings are untrusted bytes: every writer passes them
// through one of these before they reach HTML, SVG, JSON or DOT text.
#pragma once

#include <string>
#include <string_view>

namespace onyx::inspect {

// `s` with each invalid UTF-8 sequence (and each control character other than tab and newline,
// which XML forbids) replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

// Text for XML/HTML element content and attribute values: valid UTF-8, with & < > " ' escaped.
std::string xml_escape(std::string_view s);

// A JSON string literal (quotes included) that is also safe inside an HTML <script> element:
// < > & are written as \u003c \u003e \u0026, U+2028/U+2029 as escapes, invalid UTF-8 replaced.
std::string json_string(std::string_view s);

// A Graphviz DOT double-quoted string (quotes included).
std::string dot_string(std::string_view s);

}  // namespace onyx::inspect
