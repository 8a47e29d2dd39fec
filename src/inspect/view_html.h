// `onyx view` outputs for a whole model: the self-contained HTML page (inline CSS, script and one
// SVG per graph; no network access) and Graphviz DOT text.
#pragma once

#include <string>

#include "inspect/view_model.h"

namespace onyx::inspect {

// The page. `file_label` (e.g. the model's file name) titles it.
std::string model_html(const ViewModel& vm, const std::string& file_label);

// The page's data block: one JSON object with the model panel fields and, per graph, its nodes
// (kind, op, names, schema text, attributes, ports), edges and weights. Safe inside <script>.
std::string model_json(const ViewModel& vm, const std::string& file_label);

// DOT text: one digraph; every body is a cluster, linked to its owner node by a dashed edge.
std::string model_dot(const ViewModel& vm, bool show_names);

// Rule text for the FLOP estimate shown in the page.
extern const char* const kFlopsRule;

}  // namespace onyx::inspect
