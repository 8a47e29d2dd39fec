// GRU (opsets 7, 14, 22): a recurrent layer; inputs, outputs, attributes and opset changes are in
// ops/common/rnn_common.h, the cell equations in kernels/rnn.h. Float types.
#include "ops/common/rnn_common.h"

namespace onyx::ops {
namespace {

class GRUOp final : public RecurrentOp {
 public:
  GRUOp() : RecurrentOp(kernels::RnnCell::kGru) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GRU, GRUOp)
