// Read-only view of a whole file, memory-mapped (private copy-on-write mapping, so tensors that
// borrow it can never modify the file). Empty files map to size 0 with data == nullptr.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "onyx/status.hpp"

namespace onyx::import {

class MappedFile {
 public:
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // kNoSuchFile when the path cannot be opened, is not a regular file or cannot be mapped.
  static Result<std::shared_ptr<MappedFile>> open(const std::string& path);

  char* data() const { return data_; }
  size_t size() const { return size_; }
  bool contains(const void* p) const {
    const char* c = static_cast<const char*>(p);
    return data_ && c >= data_ && c < data_ + size_;
  }

  // Drops the whole pages inside [p, p + bytes) from this process's resident set
  // (madvise MADV_DONTNEED). The bytes stay readable: a later read faults the page back in from
  // the file (the page cache). Only for bytes nobody wrote through the private mapping (writes
  // would be discarded); onyx never writes them. Ranges outside the mapping are ignored.
  void drop_resident(const void* p, size_t bytes) const;

 private:
  MappedFile() = default;
  char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace onyx::import
