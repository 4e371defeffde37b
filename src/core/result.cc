#include "core/result.h"

namespace anju {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return "invalid";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::io: return "io";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

bool for_operator_only(const Error& error) {
  return error.code == ErrorCode::io || error.code == ErrorCode::internal;
}

std::string operator_detail(const Error& error) {
  if (for_operator_only(error)) return error.detail.empty() ? error.message : error.message + "：" + error.detail;
  return error.detail;
}

std::string client_message(const Error& error) {
  if (error.code == ErrorCode::io) return "服务器暂时无法读写数据，已记入服务器日志，请稍后再试或联系管理员";
  if (error.code == ErrorCode::internal) return "内部错误，已记入服务器日志";
  return error.message;
}

}  // namespace anju
