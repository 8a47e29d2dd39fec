#include "import/mmap_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace onyx::import {

MappedFile::~MappedFile() {
  if (data_) munmap(data_, size_);
}

void MappedFile::drop_resident(const void* p, size_t bytes) const {
  if (!contains(p) || bytes == 0) return;
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<uintptr_t>(p);
  const uintptr_t end = std::min(begin + bytes, reinterpret_cast<uintptr_t>(data_) + size_);
  const uintptr_t first = (begin + page - 1) / page * page, last = end / page * page;
  if (first < last) madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

Result<std::shared_ptr<MappedFile>> MappedFile::open(const std::string& path) {
  auto fail = [&](const char* what) {
    return Status(StatusCode::kNoSuchFile,
                  "cannot " + std::string(what) + " '" + path + "': " + std::strerror(errno));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("open");
  struct stat st;
  if (fstat(fd, &st) != 0) {
    Status s = fail("stat");
    ::close(fd);
    return s;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status(StatusCode::kNoSuchFile, "'" + path + "' is not a regular file");
  }
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->size_ = static_cast<size_t>(st.st_size);
  if (file->size_ > 0) {
    void* p = mmap(nullptr, file->size_, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      Status s = fail("mmap");
      ::close(fd);
      return s;
    }
    file->data_ = static_cast<char*>(p);
  }
  ::close(fd);  // the mapping stays valid after close
  return file;
}

}  // namespace onyx::import
