#include "http/client_writes.h"

#include "service/audit_service.h"
#include "service/client_write_service.h"

namespace anju::http {
namespace {

// What the request asks, so that the same key with something else is told
// apart: the method, the target (path and query) and the body, or the
// uploaded file's bytes.
std::string fingerprint(const RouteContext& c) {
  std::string text = std::string(c.req.method_string()) + ' ' + std::string(c.req.target()) + '\n';
  if (!c.upload_path.empty()) {
    text += sha256_file_hex(c.upload_path);
  } else {
    text += c.req.body();
  }
  return sha256_hex(text);
}

Response replay(const RouteContext& c, const ClientWrite& kept) {
  Response res = kept.status ? json_response(c.req, static_cast<bh::status>(*kept.status), nlohmann::json::object())
                             : json_response(c.req, bh::status::ok, {{"replayed", true}});
  if (kept.status) res.body() = kept.answer;
  res.set(kReplayedHeader, "true");
  return res;
}

// The key as seen before the write: a response to send instead, or none.
std::optional<Response> answered_before(RouteContext& c, const OnceKey& key) {
  auto seen = look_up_client_key(c.store, c.user, key);
  if (!seen) return error_response(c.req, seen.error());
  switch (seen->seen) {
    case KeySeen::fresh: return std::nullopt;
    case KeySeen::other_body:
      return error_response(c.req, bh::status::unprocessable_entity, "key_reused",
                            "同一个提交编号（Idempotency-Key）已用于另一份内容，未保存");
    case KeySeen::answered:
    case KeySeen::unanswered: return replay(c, seen->write);
  }
  return std::nullopt;
}

}  // namespace

Response once_only(RouteContext& c, const std::function<Response(const OnceKey&)>& write) {
  const auto header = c.req.find(kIdempotencyHeader);
  if (header == c.req.end()) return write(OnceKey{});
  const std::string key(header->value());
  if (!valid_client_key(key))
    throw BadParameter(kIdempotencyHeader, "请求头 Idempotency-Key 应为 1 到 100 个字母、数字或 - _ . :");
  const OnceKey once{key, fingerprint(c)};
  if (auto before = answered_before(c, once)) return std::move(*before);
  Response res = write(once);
  const int status = static_cast<int>(res.result_int());
  if (status >= 200 && status < 300) {
    // The write and its key are kept; a failure to keep the answer leaves a
    // retry the short answer, never a second write.
    (void)keep_client_answer(c.store, c.user, once, status, res.body(), c.clock);
  } else if (auto before = answered_before(c, once)) {
    // A copy of this request sent at the same time came first (this one
    // then found the task moved on, or the key claimed): its answer.
    return std::move(*before);
  }
  return res;
}

}  // namespace anju::http
