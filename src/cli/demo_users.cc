#include "cli/demo_users.h"

#include <fstream>
#include <map>
#include <sstream>

#include "service/secure_random.h"
#include "service/user_service.h"

namespace anju::cli {
namespace {

struct DemoUser {
  const char* name;
  const char* display_name;
  Role role;
  const char* region;
  const char* region_name;
};

constexpr DemoUser kUsers[] = {
    {"admin", "系统管理员", Role::admin, "000000000000", "全国"},
    {"city", "市级审核员", Role::city_reviewer, "500200000000", "重庆市（县）"},
    {"county", "城口县住建局", Role::county_reviewer, "500229000000", "城口县"},
    {"town", "高燕镇办公室", Role::town_office, "500229108000", "高燕镇"},
    {"leader", "高燕镇领导小组", Role::town_leader, "500229108000", "高燕镇"},
    {"clerk200", "来凤村资料员", Role::village_clerk, "500229108200", "来凤村"},
    {"clerk204", "青山村资料员", Role::village_clerk, "500229108204", "青山村"},
    {"worker200", "来凤村驻村工作队员", Role::field_worker, "500229108200", "来凤村"},
};

// Twelve characters of four classes, e.g. "Kqmzt-4821Xp".
std::string generate_password() {
  const std::string bytes = secure_random_bytes(12);
  auto pick = [&](size_t i, const char* alphabet, size_t n) {
    return alphabet[static_cast<unsigned char>(bytes[i]) % n];
  };
  std::string p;
  p += pick(0, "ABCDEFGHJKLMNPQRSTUVWXYZ", 24);
  for (size_t i = 1; i < 5; ++i) p += pick(i, "abcdefghijkmnpqrstuvwxyz", 24);
  p += '-';
  for (size_t i = 5; i < 9; ++i) p += pick(i, "23456789", 8);
  p += pick(9, "ABCDEFGHJKLMNPQRSTUVWXYZ", 24);
  p += pick(10, "abcdefghijkmnpqrstuvwxyz", 24);
  return p;
}

std::map<std::string, std::string> read_passwords(const std::filesystem::path& file) {
  std::map<std::string, std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name, password;
    if (fields >> name >> password) out[name] = password;
  }
  return out;
}

}  // namespace

Result<std::vector<DemoLogin>> ensure_demo_users(Store& store, const std::filesystem::path& file,
                                                 const Clock& clock) {
  auto passwords = read_passwords(file);
  std::vector<DemoLogin> out;
  for (const DemoUser& u : kUsers) {
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    auto found = (*tx)->accounts().find_user(u.name);
    if (!found) return found.error();
    tx->reset();
    if (!*found) {
      // A random draw can spell a word the policy refuses (service/password_policy.h): draw again.
      std::string password;
      Result<User> added = make_error(ErrorCode::invalid, "");
      for (int tries = 0; tries < 20 && !added && added.error().code == ErrorCode::invalid; ++tries) {
        password = generate_password();
        added = add_user(store, NewUser{u.name, u.display_name, u.role, u.region, password}, "demo", clock);
      }
      if (!added) return added.error();
      passwords[u.name] = password;
      std::ofstream(file, std::ios::app) << u.name << ' ' << password << '\n';
      std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
    out.push_back(DemoLogin{u.name, passwords.count(u.name) ? passwords[u.name] : "（未知：见 anju user passwd）",
                            enum_name(u.role), u.region_name});
  }
  return out;
}

}  // namespace anju::cli
