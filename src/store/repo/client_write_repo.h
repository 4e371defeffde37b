#pragma once
// The keys of writes a client may repeat (core/client_write.h).
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <optional>
#include <string>

#include "core/client_write.h"
#include "core/result.h"

namespace anju {

class ClientWriteRepo {
 public:
  virtual ~ClientWriteRepo() = default;

  virtual Result<std::optional<ClientWrite>> find_client_write(const std::string& user, const std::string& key) = 0;
  // Claims the key (status and answer empty); `conflict` when it is taken.
  virtual Result<void> insert_client_write(const ClientWrite& write) = 0;
  // Keeps the answer of a claimed key.
  virtual Result<void> answer_client_write(const std::string& user, const std::string& key, int status,
                                           const std::string& answer) = 0;
  // Forgets the keys claimed before `before` (ISO time); returns how many.
  virtual Result<long> forget_client_writes(const std::string& before) = 0;

 protected:
  ClientWriteRepo() = default;
  ClientWriteRepo(const ClientWriteRepo&) = default;
  ClientWriteRepo& operator=(const ClientWriteRepo&) = default;
};

}  // namespace anju
